package cn.canbao.platform.boundary;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()} and friends look the provider
 * up through {@code ServiceLoader} at every call, which under JBoss Modules scans the deployment's jars: on the payment
 * path (audit lines) that cost about a tenth of the server's CPU (docs/benchmarks.md, "Payments over HTTP").
 */
public final class Jsons {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    /**
     * A JSON object written straight through a generator by {@code fields} — for texts built often (the audit states
     * of a payment and its enrollment, three per payment): an object builder makes a map and a value per field before
     * it writes the same text.
     */
    public static String object(java.util.function.Consumer<jakarta.json.stream.JsonGenerator> fields) {
        java.io.StringWriter text = new java.io.StringWriter(384);
        try (jakarta.json.stream.JsonGenerator generator = PROVIDER.createGenerator(text)) {
            generator.writeStartObject();
            fields.accept(generator);
            generator.writeEnd();
        }
        return text.toString();
    }
}
