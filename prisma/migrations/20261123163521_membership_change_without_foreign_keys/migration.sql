-- DropForeignKey
ALTER TABLE "SegmentMembershipChange" DROP CONSTRAINT "SegmentMembershipChange_companyId_recalculationId_fkey";

-- DropForeignKey
ALTER TABLE "SegmentMembershipChange" DROP CONSTRAINT "SegmentMembershipChange_companyId_segmentId_fkey";

-- What the foreign keys checked row by row, once per statement: each inserted change's
-- run exists and belongs to its segment, locked (FOR KEY SHARE) against deletion until the
-- transaction ends.
CREATE FUNCTION "segment_membership_change_check_runs"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wanted integer;
  found integer;
BEGIN
  SELECT count(*) INTO wanted FROM (
    SELECT DISTINCT n."companyId", n."segmentId", n."recalculationId" FROM "inserted_changes" n
  ) k;
  PERFORM 1 FROM "SegmentRecalculation" r
  JOIN (SELECT DISTINCT n."companyId", n."segmentId", n."recalculationId" FROM "inserted_changes" n) k
    ON r."companyId" = k."companyId" AND r."id" = k."recalculationId" AND r."segmentId" = k."segmentId"
  FOR KEY SHARE OF r;
  GET DIAGNOSTICS found = ROW_COUNT;
  IF found < wanted THEN
    RAISE EXCEPTION 'SegmentMembershipChange rows name a recalculation run that does not exist for their segment'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "SegmentMembershipChange_check_runs" AFTER INSERT ON "SegmentMembershipChange"
  REFERENCING NEW TABLE AS "inserted_changes"
  FOR EACH STATEMENT EXECUTE FUNCTION "segment_membership_change_check_runs"();

-- What ON DELETE CASCADE did, once per statement: deleting runs deletes their changes.
-- Deleting a segment deletes its runs (foreign key, cascade), and so their changes.
CREATE FUNCTION "segment_membership_change_delete_with_runs"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SegmentMembershipChange" ch
  USING (SELECT DISTINCT o."companyId", o."id" FROM "deleted_runs" o) r
  WHERE ch."companyId" = r."companyId" AND ch."recalculationId" = r."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "SegmentRecalculation_delete_changes" AFTER DELETE ON "SegmentRecalculation"
  REFERENCING OLD TABLE AS "deleted_runs"
  FOR EACH STATEMENT EXECUTE FUNCTION "segment_membership_change_delete_with_runs"();

CREATE FUNCTION "segment_membership_change_truncate_with_runs"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SegmentMembershipChange";
  RETURN NULL;
END $$;

CREATE TRIGGER "SegmentRecalculation_truncate_changes" AFTER TRUNCATE ON "SegmentRecalculation"
  FOR EACH STATEMENT EXECUTE FUNCTION "segment_membership_change_truncate_with_runs"();

-- Changes whose run is already gone (none, while the foreign keys held).
DELETE FROM "SegmentMembershipChange" ch
WHERE NOT EXISTS (SELECT 1 FROM "SegmentRecalculation" r WHERE r."companyId" = ch."companyId" AND r."id" = ch."recalculationId");
