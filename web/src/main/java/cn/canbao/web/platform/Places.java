package cn.canbao.web.platform;

import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.HashMap;
import java.util.Map;

/** {@code #{places.name(code)}}: a region by its name on the screens (the code as a secondary detail beside it). */
@Named
@RequestScoped
public class Places {

    @Inject
    Regions regions;

    private final Map<String, String> names = new HashMap<>();

    public String name(String code) {
        if (code == null || code.isBlank()) {
            return "—";
        }
        return names.computeIfAbsent(code, c -> regions.find(c).map(Region::getName).orElse(c));
    }
}
