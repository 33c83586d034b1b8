package cn.canbao.policy.entity;

import java.time.LocalDate;

public record Milestone(String name, LocalDate from, LocalDate to, String description) {
}
