-- Catalog version 1 (V6) is development data: made-up provider ids, or those of the shared webhook fixtures. Only
-- the local profile keeps it (spring.flyway.placeholders.development-catalog=true); everywhere else it is removed
-- before anything can be sold under it, and each environment's superadmin publishes that environment's catalog,
-- with its own Stripe and store product ids (POST /api/v1/admin/catalogs, adr/0033).
DELETE FROM catalog_product
WHERE version = 1
  AND '${development-catalog}' <> 'true'
  AND version IN (SELECT version FROM catalog_version WHERE published_by = 'system:flyway');

DELETE FROM catalog_version
WHERE version = 1
  AND '${development-catalog}' <> 'true'
  AND published_by = 'system:flyway';
