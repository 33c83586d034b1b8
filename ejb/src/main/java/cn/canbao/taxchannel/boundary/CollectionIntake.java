package cn.canbao.taxchannel.boundary;

import java.time.Duration;

/**
 * How a collection file is taken in — stored, its job started, its report after a wait — for callers below the batch
 * module (the provincial platform's SOAP service). Implemented by the batch module's {@code CollectionImports}, the
 * same path as {@code POST /collections}.
 */
public interface CollectionIntake {

    Collections.Report take(Collections.Upload upload, Duration wait);

    Collections.Report report(long id);

    Collections.Problems problems(long id, int first, int max);
}
