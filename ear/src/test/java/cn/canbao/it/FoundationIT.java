package cn.canbao.it;

import cn.canbao.platform.entity.AuditEntry;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inside the server, against the real EAR: EclipseLink persists and reads, Flyway made the schema, demo data is there. */
@ExtendWith(ArquillianExtension.class)
class FoundationIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(FoundationIT.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Resource(lookup = "java:jboss/datasources/CanbaoDS")
    DataSource dataSource;

    @Inject
    Clock clock;

    @Test
    void eclipseLinkIsThePersistenceProvider() {
        String factory = em.getEntityManagerFactory().getClass().getName();
        assertTrue(factory.startsWith("org.eclipse.persistence."), "persistence provider is " + factory);
        assertNotNull(em.unwrap(org.eclipse.persistence.jpa.JpaEntityManager.class));
    }

    @Test
    void theDatabaseIsTheOneConfigured() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            boolean postgresExpected = System.getenv("CANBAO_DB_URL") != null;
            System.out.println("FoundationIT runs on " + product + " " + connection.getMetaData().getDatabaseProductVersion());
            assertEquals(postgresExpected ? "PostgreSQL" : "H2", product);
        }
    }

    @Test
    void persistsAndReadsBackThroughEclipseLink() throws Exception {
        String entityId = UUID.randomUUID().toString();
        OffsetDateTime at = OffsetDateTime.of(2023, 11, 20, 9, 30, 0, 0, ZoneOffset.ofHours(8));
        tx.begin();
        AuditEntry entry = new AuditEntry(at, "tester", "TEST", "test", entityId, "{\"a\":1}", "{\"a\":2}", "中文说明");
        em.persist(entry);
        tx.commit();
        em.clear();

        List<AuditEntry> read = em.createQuery("select a from AuditEntry a where a.entityId = :id", AuditEntry.class)
                .setParameter("id", entityId).getResultList();
        assertEquals(1, read.size());
        AuditEntry back = read.get(0);
        assertNotNull(back.getId());
        assertEquals("tester", back.getActor());
        assertEquals("{\"a\":2}", back.getAfterState());
        assertEquals("中文说明", back.getDetail());
        assertTrue(at.isEqual(back.getOccurredAt()), "stored " + back.getOccurredAt());
    }

    @Test
    void refusedTransactionLeavesNothingBehind() throws Exception {
        String code = "9" + (System.nanoTime() % 100_000_000_000L);
        tx.begin();
        em.persist(new Region(code, "测试村", RegionLevel.VILLAGE, "500101101"));
        tx.rollback();
        em.clear();
        assertEquals(null, em.find(Region.class, code));
    }

    @Test
    void flywayOwnsTheSchema() throws Exception {
        try (Connection connection = dataSource.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("select count(*) from canbao.flyway_schema_history where success = true")) {
            rows.next();
            assertTrue(rows.getInt(1) >= 1, "no successful migration recorded");
        }
    }

    @Test
    void demoDataHoldsTheSeedRegionsAndTargets() {
        long baiyangVillages = em.createQuery("select count(r) from Region r where r.parentCode = '500101101'", Long.class)
                .getSingleResult();
        assertEquals(17, baiyangVillages);
        long baiyangTarget = em.createQuery(
                        "select sum(t.target) from RegionTarget t where t.policyId = '500101-2024'", Long.class)
                .getSingleResult();
        assertEquals(40_480, baiyangTarget);
        long songgaiTarget = em.createQuery(
                        "select sum(t.target) from RegionTarget t where t.policyId = '500118-2023'", Long.class)
                .getSingleResult();
        assertEquals(19_253, songgaiTarget);
        long songgaiPopulation = em.createQuery(
                        "select sum(r.householdPopulation) from Region r where r.parentCode = '500118101'", Long.class)
                .getSingleResult();
        assertEquals(20_264, songgaiPopulation);
        for (String district : List.of("500101", "500118", "500230", "500102", "511903")) {
            assertNotNull(em.find(Region.class, district), "district " + district);
        }
    }

    @Test
    void theDemoRunsOnTheConfiguredBusinessDate() {
        String configured = System.getProperty("canbao.business-date");
        assertNotNull(configured, "the provisioned server sets canbao.business-date");
        assertEquals(LocalDate.parse(configured), LocalDate.now(clock));
    }
}
