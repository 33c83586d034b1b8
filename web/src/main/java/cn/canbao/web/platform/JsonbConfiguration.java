package cn.canbao.web.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON as ../shared/spec/API.md writes it: absent values appear as null (e.g. "subsidyCode": null), not omitted; whole
 * numbers, texts, yes/no and amounts read strictly — each only from its own JSON type.
 */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

    /** Whole-number fields take only whole numbers in range (StrictJson). */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true)
            .withDeserializers(new StrictJson.WholeInt(), new StrictJson.WholeLong(), new StrictJson.StrictText(),
                    new StrictJson.StrictBoolean(), new StrictJson.StrictDecimal()));

    /** The strict reader, for bodies read in parts (the items of a batch). */
    public static Jsonb strict() {
        return JSONB;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
