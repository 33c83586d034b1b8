package cn.canbao.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real EAR built by this module, with the test classes added to its WAR for in-container tests. */
final class Deployments {

    private Deployments() {
    }

    static EnterpriseArchive canbao(Class<?>... testClasses) {
        File built = new File(System.getProperty("canbao.ear", "target/canbao.ear"));
        if (!built.isFile()) {
            throw new IllegalStateException("build the EAR first: " + built + " is missing");
        }
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "canbao.ear").importFrom(built).as(EnterpriseArchive.class);
        if (testClasses.length > 0) {
            WebArchive war = ear.getAsType(WebArchive.class, "canbao-web.war");
            war.addClasses(testClasses);
            openArquillianRunner(war);
        }
        return ear;
    }

    /** Arquillian's servlet protocol calls its runner unauthenticated: exempt it from the screens' constraint. */
    private static void openArquillianRunner(WebArchive war) {
        String webXml;
        try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String open = "<url-pattern>/api/*</url-pattern>";
        if (!webXml.contains(open)) {
            throw new IllegalStateException("web.xml no longer has " + open + "; adapt Deployments");
        }
        webXml = webXml.replace(open, open
                + "<url-pattern>/ArquillianServletRunner</url-pattern><url-pattern>/ArquillianServletRunnerEE9</url-pattern>");
        war.delete("WEB-INF/web.xml");
        war.setWebXML(new StringAsset(webXml));
    }
}
