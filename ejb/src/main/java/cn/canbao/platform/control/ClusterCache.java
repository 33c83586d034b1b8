package cn.canbao.platform.control;

import cn.canbao.platform.boundary.ClusterMode;
import org.eclipse.persistence.config.CacheIsolationType;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.sessions.Session;

import java.util.logging.Logger;

/**
 * Several nodes over one database (the {@code ha} configuration sets {@code canbao.cluster=true}): EclipseLink's
 * shared cache is per JVM, so an account disabled, a region retired or a policy replaced on one node would stay as it
 * was in another node's cache. In cluster mode every entity is read from the database in each transaction (cache
 * isolation ISOLATED for the few cached ones: accounts, regions, policies — the parsed policy is still kept, keyed by
 * the version column, {@code Policies}); a single node keeps its shared cache. Registered in persistence.xml
 * ({@code eclipselink.session.customizer}); decision 50.
 */
public class ClusterCache implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(ClusterCache.class.getName());

    @Override
    public void customize(Session session) {
        if (!ClusterMode.enabled()) {
            return;
        }
        int isolated = 0;
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            if (descriptor.getCacheIsolation() != CacheIsolationType.ISOLATED) {
                descriptor.setCacheIsolation(CacheIsolationType.ISOLATED);
                isolated++;
            }
        }
        int count = isolated;
        LOG.info(() -> "cluster mode: EclipseLink's shared cache is not used (" + count + " entity types read from the database)");
    }
}
