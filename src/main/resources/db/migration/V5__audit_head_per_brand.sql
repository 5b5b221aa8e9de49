-- Every brand has its audit chain's head from the start (at the genesis when it has no event yet), so the
-- first appends of a brand lock an existing row instead of racing to create it.
INSERT INTO audit_head (brand, last_seq, last_hash)
SELECT b.id, 0, '0000000000000000000000000000000000000000000000000000000000000000'
FROM brand b
WHERE NOT EXISTS (SELECT 1 FROM audit_head h WHERE h.brand = b.id);
