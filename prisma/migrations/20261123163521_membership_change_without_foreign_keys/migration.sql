-- DropForeignKey
ALTER TABLE "SegmentMembershipChange" DROP CONSTRAINT "SegmentMembershipChange_companyId_recalculationId_fkey";

-- DropForeignKey
ALTER TABLE "SegmentMembershipChange" DROP CONSTRAINT "SegmentMembershipChange_companyId_segmentId_fkey";

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
