package cn.canbao.platform;

import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** persistence.xml lists its entity classes (no scanning on WildFly's VFS): none may be forgotten. */
class PersistenceUnitClassesTest {

    @Test
    void everyEntityIsListedInPersistenceXml() throws IOException, ClassNotFoundException {
        String persistenceXml;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/persistence.xml")) {
            persistenceXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path classes = Path.of("target/classes");
        List<String> entities;
        try (Stream<Path> files = Files.walk(classes)) {
            entities = files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> name.startsWith("cn.canbao."))
                    .sorted()
                    .toList();
        }
        List<String> missing = new java.util.ArrayList<>();
        int found = 0;
        for (String name : entities) {
            if (Class.forName(name, false, getClass().getClassLoader()).isAnnotationPresent(Entity.class)) {
                found++;
                if (!persistenceXml.contains("<class>" + name + "</class>")) {
                    missing.add(name);
                }
            }
        }
        assertFalse(found == 0, "no @Entity classes found under target/classes");
        assertEquals(List.of(), missing, "entities missing from META-INF/persistence.xml");
    }
}
