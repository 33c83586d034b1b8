package cn.canbao.web.platform;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.LocalDate;

/** The landing page after sign-in. */
@Named
@RequestScoped
public class HomeView {

    @Inject
    Clock clock;

    public LocalDate getBusinessDate() {
        return LocalDate.now(clock);
    }
}
