package cn.canbao.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The business components of {@code ejb/} as rules (docs/architecture.md, "Components"): each lives in
 * {@code cn.canbao.<component>.{boundary,control,entity}}, reaches another only through its boundary and entity types,
 * never one above it in {@link #LAYERS}, and nothing but start-up reaches {@code demo}.
 */
class ComponentRulesTest {

    /** Lowest first: a component may use those before it, never those after it. */
    static final List<String> LAYERS = List.of("platform", "region", "account", "policy", "person", "subsidy", "enrollment",
            "collection", "refund", "supervision", "campaign", "household", "roster", "school", "taxchannel", "integration", "demo");

    static JavaClasses ejb;

    @BeforeAll
    static void importClasses() {
        ejb = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("cn.canbao");
    }

    @Test
    void everyClassLivesInBoundaryControlOrEntityOfAKnownComponent() {
        List<String> packages = new ArrayList<>();
        for (String c : LAYERS) {
            packages.add("cn.canbao." + c + ".boundary");
            packages.add("cn.canbao." + c + ".control");
            packages.add("cn.canbao." + c + ".entity");
        }
        classes().should().resideInAnyPackage(packages.toArray(String[]::new)).check(ejb);
    }

    @Test
    void componentsReachOneAnotherOnlyThroughBoundaryAndEntity() {
        for (String c : LAYERS) {
            ArchRule rule = noClasses().that().resideOutsideOfPackage("cn.canbao." + c + "..")
                    .should().dependOnClassesThat().resideInAPackage("cn.canbao." + c + ".control..")
                    .because(c + "'s control is private to it: other components call " + c + ".boundary");
            rule.check(ejb);
        }
    }

    @Test
    void noComponentUsesOneAboveIt() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(c -> "cn.canbao." + c + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("cn.canbao." + LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(LAYERS.get(i) + " lies below " + String.join(", ", LAYERS.subList(i + 1, LAYERS.size())))
                    .check(ejb);
        }
    }

    @Test
    void noCyclesBetweenComponents() {
        slices().matching("cn.canbao.(*)..").should().beFreeOfCycles().check(ejb);
    }

    @Test
    void demoIsReachedByNothingButStartUp() {
        noClasses().that().resideOutsideOfPackage("cn.canbao.demo..")
                .should().dependOnClassesThat().resideInAPackage("cn.canbao.demo..")
                .because("demo data exist only on the embedded default").check(ejb);
    }
}
