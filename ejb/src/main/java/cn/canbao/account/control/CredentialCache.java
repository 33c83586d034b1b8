package cn.canbao.account.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's cache of verified sign-ins (the Elytron caching-realm of config/cli/03-security.cli) emptied when an
 * account's password, role or enabled flag changes, once the change is committed — so a new password works at once and
 * an old one stops working at once. Done through the management model the server exposes over in-VM JMX
 * ({@code clear-cache} of {@code /subsystem=elytron/caching-realm=…}); without that realm (a server configured
 * otherwise) there is nothing to clear.
 */
@ApplicationScoped
public class CredentialCache {

    public static final String REALM_PROPERTY = "canbao.security.caching-realm";
    private static final Logger LOG = Logger.getLogger(CredentialCache.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Empties the cache after the current transaction commits (at once when there is none). */
    public void clearAfterCommit() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            clear();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    clear();
                }
            }
        });
    }

    static void clear() {
        String realm = System.getProperty(REALM_PROPERTY, "CanbaoCachingRealm");
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.invoke(new ObjectName("jboss.as:subsystem=elytron,caching-realm=" + realm), "clearCache", new Object[0], new String[0]);
        } catch (InstanceNotFoundException none) {
            LOG.fine(() -> "no caching realm " + realm + " to clear");
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not clear the sign-in cache " + realm + "; changes reach it within its maximum age", e);
        }
    }
}
