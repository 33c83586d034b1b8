package cn.canbao.collection.entity;

import java.util.EnumSet;
import java.util.Set;

/** Where the money was taken (../shared/spec/API.md). Counter channels are the ones a village clerk works. */
public enum Channel {
    WECHAT, ALIPAY, UNIONPAY, YUKUAIBAN, BANK_APP, E_TAX, POS, CASH, SCHOOL, DEPARTMENT;

    public static final Set<Channel> COUNTER = EnumSet.of(POS, CASH);
}
