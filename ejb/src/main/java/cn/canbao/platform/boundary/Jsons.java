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
}
