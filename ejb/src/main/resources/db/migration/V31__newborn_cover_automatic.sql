-- The newborn's cover through its insured guardian is applied automatically (decision 49, amended): a payment into a
-- policy with newborn.guardianCoverAutomatic looks up the payer's wards born in the policy's year, and a person's
-- record shows its cover. Neither may scan a table: the wards by guardian (a plain index: H2, the embedded default, has
-- no partial index), the cover by person.
create index ix_person_guardian on person (guardian_id);
create index ix_newborn_cover_person on newborn_cover (person_id);
