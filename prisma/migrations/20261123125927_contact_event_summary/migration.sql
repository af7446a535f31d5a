-- CreateTable
CREATE TABLE "ContactEventSummary" (
    "companyId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "type" "EventType" NOT NULL,
    "firstAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,
    "recentAt" TIMESTAMPTZ(3)[],
    "count" INTEGER NOT NULL,
    "mobileCount" INTEGER NOT NULL DEFAULT 0,
    "desktopCount" INTEGER NOT NULL DEFAULT 0,
    "tabletCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ContactEventSummary_pkey" PRIMARY KEY ("companyId","contactId","type")
);

-- CreateIndex
CREATE INDEX "ContactEventSummary_companyId_type_lastAt_firstAt_count_con_idx" ON "ContactEventSummary"("companyId", "type", "lastAt", "firstAt", "count", "contactId", "recentAt");

-- AddForeignKey
ALTER TABLE "ContactEventSummary" ADD CONSTRAINT "ContactEventSummary_companyId_contactId_fkey" FOREIGN KEY ("companyId", "contactId") REFERENCES "Contact"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Maintenance (not modelled by Prisma): statement-level triggers keep every summary row
-- equal to an aggregate of the contact's events of that type, in the statement that
-- writes the events, whatever the path (events API, seed bulk loader, raw SQL, Prisma).
-- Inserts merge (least / greatest / +); deletes and updates recompute the touched
-- (contact, type) keys from the events that remain. Keys are locked in one order.

CREATE FUNCTION "contact_event_summary_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ContactEventSummary" AS s
    ("companyId", "contactId", "type", "firstAt", "lastAt", "recentAt", "count", "mobileCount", "desktopCount", "tabletCount")
  SELECT n."companyId", n."contactId", n."type", min(n."occurredAt"), max(n."occurredAt"),
    (array_agg(n."occurredAt" ORDER BY n."occurredAt" DESC))[1:5], count(*)::int,
    (count(*) FILTER (WHERE n."device" = 'mobile'))::int,
    (count(*) FILTER (WHERE n."device" = 'desktop'))::int,
    (count(*) FILTER (WHERE n."device" = 'tablet'))::int
  FROM "summary_new_events" n
  GROUP BY n."companyId", n."contactId", n."type"
  ORDER BY n."companyId", n."contactId", n."type"
  ON CONFLICT ("companyId", "contactId", "type") DO UPDATE SET
    "firstAt" = least(s."firstAt", excluded."firstAt"),
    "lastAt" = greatest(s."lastAt", excluded."lastAt"),
    "recentAt" = ARRAY(SELECT r.t FROM unnest(s."recentAt" || excluded."recentAt") AS r(t) ORDER BY r.t DESC LIMIT 5),
    "count" = s."count" + excluded."count",
    "mobileCount" = s."mobileCount" + excluded."mobileCount",
    "desktopCount" = s."desktopCount" + excluded."desktopCount",
    "tabletCount" = s."tabletCount" + excluded."tabletCount";
  RETURN NULL;
END $$;

-- Recomputes the keys in "summary_touched" (a temporary table of the caller).
CREATE FUNCTION "contact_event_summary_recompute_touched"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ContactEventSummary" s USING "summary_touched" k
  WHERE s."companyId" = k."companyId" AND s."contactId" = k."contactId" AND s."type" = k."type";
  INSERT INTO "ContactEventSummary"
    ("companyId", "contactId", "type", "firstAt", "lastAt", "recentAt", "count", "mobileCount", "desktopCount", "tabletCount")
  SELECT e."companyId", e."contactId", e."type", min(e."occurredAt"), max(e."occurredAt"),
    (array_agg(e."occurredAt" ORDER BY e."occurredAt" DESC))[1:5], count(*)::int,
    (count(*) FILTER (WHERE e."device" = 'mobile'))::int,
    (count(*) FILTER (WHERE e."device" = 'desktop'))::int,
    (count(*) FILTER (WHERE e."device" = 'tablet'))::int
  FROM "summary_touched" k
  JOIN "ContactEvent" e ON e."companyId" = k."companyId" AND e."contactId" = k."contactId" AND e."type" = k."type"
  GROUP BY e."companyId", e."contactId", e."type"
  ORDER BY e."companyId", e."contactId", e."type";
  DROP TABLE "summary_touched";
END $$;

CREATE FUNCTION "contact_event_summary_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A contact being deleted takes its summary rows with it (foreign key): skip its keys,
  -- and return at once when that is all there is (deleting contacts cascades here once
  -- per contact: no temporary table for those).
  IF NOT EXISTS (
    SELECT 1 FROM "summary_old_events" o
    WHERE EXISTS (SELECT 1 FROM "Contact" c WHERE c."companyId" = o."companyId" AND c."id" = o."contactId")
  ) THEN
    RETURN NULL;
  END IF;
  CREATE TEMP TABLE "summary_touched" ON COMMIT DROP AS
    SELECT DISTINCT o."companyId", o."contactId", o."type" FROM "summary_old_events" o
    WHERE EXISTS (SELECT 1 FROM "Contact" c WHERE c."companyId" = o."companyId" AND c."id" = o."contactId");
  PERFORM "contact_event_summary_recompute_touched"();
  RETURN NULL;
END $$;

CREATE FUNCTION "contact_event_summary_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CREATE TEMP TABLE "summary_touched" ON COMMIT DROP AS
    SELECT o."companyId", o."contactId", o."type" FROM "summary_old_events" o
    UNION
    SELECT n."companyId", n."contactId", n."type" FROM "summary_new_events" n;
  PERFORM "contact_event_summary_recompute_touched"();
  RETURN NULL;
END $$;

CREATE FUNCTION "contact_event_summary_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ContactEventSummary";
  RETURN NULL;
END $$;

CREATE TRIGGER "ContactEvent_summary_insert" AFTER INSERT ON "ContactEvent"
  REFERENCING NEW TABLE AS "summary_new_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "contact_event_summary_add"();
CREATE TRIGGER "ContactEvent_summary_delete" AFTER DELETE ON "ContactEvent"
  REFERENCING OLD TABLE AS "summary_old_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "contact_event_summary_delete"();
CREATE TRIGGER "ContactEvent_summary_update" AFTER UPDATE ON "ContactEvent"
  REFERENCING OLD TABLE AS "summary_old_events" NEW TABLE AS "summary_new_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "contact_event_summary_update"();
CREATE TRIGGER "ContactEvent_summary_truncate" AFTER TRUNCATE ON "ContactEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "contact_event_summary_truncate"();

-- The events already stored.
INSERT INTO "ContactEventSummary"
  ("companyId", "contactId", "type", "firstAt", "lastAt", "recentAt", "count", "mobileCount", "desktopCount", "tabletCount")
SELECT e."companyId", e."contactId", e."type", min(e."occurredAt"), max(e."occurredAt"),
  (array_agg(e."occurredAt" ORDER BY e."occurredAt" DESC))[1:5], count(*)::int,
  (count(*) FILTER (WHERE e."device" = 'mobile'))::int,
  (count(*) FILTER (WHERE e."device" = 'desktop'))::int,
  (count(*) FILTER (WHERE e."device" = 'tablet'))::int
FROM "ContactEvent" e
GROUP BY e."companyId", e."contactId", e."type";
