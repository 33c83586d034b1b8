package cn.canbao.web.collection;

import cn.canbao.platform.boundary.Jsons;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The answer of {@code POST /payments/batch} written straight through a JSON-P generator, in exactly the shape JSON-B
 * gives it (properties in lexicographic order, absent values as {@code null}, dates ISO-8601): JSON-B's walk over a
 * thousand answer records — and its recursion check hashing each — was a twelfth of the batch endpoint's time
 * (docs/benchmarks.md). BatchAnswerWriterTest checks over seeded random answers that both write the same JSON.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class BatchAnswerWriter implements MessageBodyWriter<PaymentResource.BatchAnswer> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == PaymentResource.BatchAnswer.class;
    }

    @Override
    public void writeTo(PaymentResource.BatchAnswer answer, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) {
        try (JsonGenerator g = Jsons.PROVIDER.createGenerator(out)) {
            write(answer, g);
        }
    }

    static void write(PaymentResource.BatchAnswer answer, JsonGenerator g) {
        g.writeStartObject().writeStartArray("results");
        for (PaymentResource.BatchResult r : answer.results()) {
            g.writeStartObject();
            if (r.payment() == null) {
                g.writeNull("payment");
            } else {
                g.writeKey("payment");
                write(r.payment(), g);
            }
            if (r.problem() == null) {
                g.writeNull("problem");
            } else {
                g.write("problem", r.problem());
            }
            g.write("status", r.status());
            text(g, "transactionId", r.transactionId());
            g.writeEnd();
        }
        g.writeEnd().writeEnd();
    }

    private static void write(PaymentView p, JsonGenerator g) {
        g.writeStartObject();
        number(g, "amount", p.amount());
        date(g, "benefitEnd", p.benefitEnd());
        date(g, "benefitStart", p.benefitStart());
        date(g, "businessDate", p.businessDate());
        text(g, "channel", p.channel());
        text(g, "collector", p.collector());
        number(g, "fiscalShareAmount", p.fiscalShareAmount());
        text(g, "idNumber", p.idNumber());
        text(g, "kind", p.kind());
        text(g, "name", p.name());
        if (p.paidAt() == null) {
            g.writeNull("paidAt");
        } else {
            g.write("paidAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(p.paidAt()));
        }
        if (p.paymentId() == null) {
            g.writeNull("paymentId");
        } else {
            g.write("paymentId", p.paymentId());
        }
        number(g, "personalAmount", p.personalAmount());
        text(g, "policyId", p.policyId());
        text(g, "receiptNumber", p.receiptNumber());
        if (p.reversesPaymentId() == null) {
            g.writeNull("reversesPaymentId");
        } else {
            g.write("reversesPaymentId", p.reversesPaymentId());
        }
        number(g, "standardAmount", p.standardAmount());
        number(g, "subsidyAmount", p.subsidyAmount());
        text(g, "subsidyCode", p.subsidyCode());
        g.write("tier", p.tier());
        text(g, "transactionId", p.transactionId());
        g.writeEnd();
    }

    private static void text(JsonGenerator g, String name, String value) {
        if (value == null) {
            g.writeNull(name);
        } else {
            g.write(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, BigDecimal value) {
        if (value == null) {
            g.writeNull(name);
        } else {
            g.write(name, value);
        }
    }

    private static void date(JsonGenerator g, String name, LocalDate value) {
        if (value == null) {
            g.writeNull(name);
        } else {
            g.write(name, value.toString());
        }
    }
}
