-- EclipseLink preallocates 500 ids per nextval (allocationSize on every @SequenceGenerator "canbao_seq"); the
-- increment must match. With 50, a payment (5 ids: enrollment, payment, 3 audit lines) went to the sequence every
-- 10 payments while every other request thread waited on EclipseLink's sequencing lock (docs/benchmarks.md).
alter sequence canbao_seq increment by 500;
