-- Reconciliation looks collection lines up by transaction id (a transaction's first file; a payment no file holds):
-- without this index each lookup reads every line of every file.
create index ix_collection_line_transaction on collection_line (transaction_id);
