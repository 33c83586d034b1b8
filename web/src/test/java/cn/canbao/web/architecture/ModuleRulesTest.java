package cn.canbao.web.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The modules as rules (docs/architecture.md): {@code web} and {@code batch} reach the business components only
 * through their boundaries and entity types, never a {@code control}; only the demo population job (its batch
 * artifacts) reaches {@code demo}; {@code web} never reaches into a job's artifacts. The test classpath of this module
 * holds the classes of all three (ejb and batch are its dependencies).
 */
class ModuleRulesTest {

    static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("cn.canbao");
    }

    @Test
    void webAndBatchNeverImportAControl() {
        noClasses().that().resideInAnyPackage("cn.canbao.web..", "cn.canbao.batch..")
                .should().dependOnClassesThat().resideInAPackage("cn.canbao.*.control..")
                .because("controls are private to their component; web and batch call boundaries").check(all);
    }

    @Test
    void demoIsReachedOnlyByItsOwnJob() {
        noClasses().that().resideOutsideOfPackages("cn.canbao.demo..", "cn.canbao.batch.population..")
                .should().dependOnClassesThat().resideInAPackage("cn.canbao.demo..")
                .because("demo data exist only on the embedded default; its population job is demo start-up").check(all);
    }

    @Test
    void webUsesBatchOnlyThroughItsBoundary() {
        noClasses().that().resideInAPackage("cn.canbao.web..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("cn.canbao.batch..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("cn.canbao.batch.boundary..")))
                .because("a job's artifacts are the job's own; screens and resources start and read jobs through batch.boundary")
                .check(all);
    }

    @Test
    void ejbNeverReachesUpIntoBatchOrWeb() {
        noClasses().that().resideInAPackage("cn.canbao..").and().resideOutsideOfPackages("cn.canbao.batch..", "cn.canbao.web..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.canbao.batch..", "cn.canbao.web..").check(all);
    }

    @Test
    void systemAccountsAreMadeByStartUpOnly() {
        noClasses().that().resideOutsideOfPackages("cn.canbao.account..", "cn.canbao.demo..")
                .should().dependOnClassesThat().haveFullyQualifiedName("cn.canbao.account.boundary.SystemAccounts")
                .because("accounts without a caller are made at start-up only; screens and resources go through Accounts")
                .check(all);
    }

    /** Role names come from {@code platform.boundary.Roles} in web and batch too, never as string literals. */
    @Test
    void roleNamesAreConstants() throws java.io.IOException {
        java.nio.file.Path repo = java.nio.file.Path.of("").toAbsolutePath().getParent();
        java.util.List<String> literal = new java.util.ArrayList<>();
        java.util.regex.Pattern roles = java.util.regex.Pattern.compile("@(RolesAllowed|RunAs|DeclareRoles)\\(\\{?\\s*\"");
        for (String module : java.util.List.of("web", "batch", "ejb")) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(repo.resolve(module + "/src/main/java"))) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (roles.matcher(java.nio.file.Files.readString(file)).find()) {
                        literal.add(repo.relativize(file).toString());
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), literal, "role names as literals");
    }
}
