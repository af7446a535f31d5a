-- DropIndex
DROP INDEX "ContactEventSummary_companyId_type_lastAt_firstAt_count_con_idx";

-- CreateTable
CREATE TABLE "ContactFacts" (
    "companyId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "subscriptionStatus" "SubscriptionStatus" NOT NULL,
    "lifecycleStage" "LifecycleStage",
    "leadScore" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "lastActivityAt" TIMESTAMPTZ(3),
    "lastOpenedAt" TIMESTAMPTZ(3),
    "lastClickedAt" TIMESTAMPTZ(3),
    "lastEmailSentAt" TIMESTAMPTZ(3),
    "lastOpenedDevice" "Device",
    "preferredOpenHour" INTEGER,
    "preferredOpenDay" "Weekday",
    "country" TEXT,
    "tags" TEXT[],
    "eventTypes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ContactFacts_pkey" PRIMARY KEY ("companyId","id")
);

-- CreateIndex
CREATE INDEX "ContactEventSummary_companyId_type_lastAt_firstAt_count_con_idx" ON "ContactEventSummary"("companyId", "type", "lastAt", "firstAt", "count", "contactId", "recentAt", "mobileCount", "desktopCount", "tabletCount");

-- AddForeignKey
ALTER TABLE "ContactFacts" ADD CONSTRAINT "ContactFacts_companyId_id_fkey" FOREIGN KEY ("companyId", "id") REFERENCES "Contact"("companyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Maintenance (not modelled by Prisma): statement-level triggers keep every ContactFacts
-- row equal to its contact's columns (country lower-cased) and to the set of event types
-- in ContactEventSummary, in the statement that writes them, whatever the path (API, import,
-- seed, raw SQL, Prisma). Rows are written in key order; an update writes only the rows
-- whose copied columns changed. The engagement score columns are not copied: the nightly
-- score run rewrites them for many contacts, and segments filter on them rarely.

-- The bit of an event type: its position in the enum's declaration order (the engine's
-- EVENT_TYPES list has the same order; a test checks it).
CREATE FUNCTION "contact_facts_event_bit"(t "EventType") RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT 1 << (array_position(enum_range(NULL::"EventType"), t) - 1)
$$;

CREATE FUNCTION "contact_facts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ContactFacts" ("companyId", "id", "subscriptionStatus", "lifecycleStage", "leadScore", "createdAt", "lastActivityAt",
    "lastOpenedAt", "lastClickedAt", "lastEmailSentAt", "lastOpenedDevice", "preferredOpenHour",
    "preferredOpenDay", "country", "tags", "eventTypes")
  SELECT n."companyId", n."id", n."subscriptionStatus", n."lifecycleStage", n."leadScore", n."createdAt", n."lastActivityAt",
    n."lastOpenedAt", n."lastClickedAt", n."lastEmailSentAt", n."lastOpenedDevice", n."preferredOpenHour",
    n."preferredOpenDay", lower(n."country"), n."tags",
    -- A new contact has no events yet (an event needs its contact first).
    0
  FROM "facts_new_contacts" n
  ORDER BY n."companyId", n."id";
  RETURN NULL;
END $$;

CREATE FUNCTION "contact_facts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContactFacts" f SET
    "subscriptionStatus" = n."subscriptionStatus", "lifecycleStage" = n."lifecycleStage",
    "leadScore" = n."leadScore",
    "createdAt" = n."createdAt", "lastActivityAt" = n."lastActivityAt", "lastOpenedAt" = n."lastOpenedAt",
    "lastClickedAt" = n."lastClickedAt", "lastEmailSentAt" = n."lastEmailSentAt",
    "lastOpenedDevice" = n."lastOpenedDevice", "preferredOpenHour" = n."preferredOpenHour",
    "preferredOpenDay" = n."preferredOpenDay", "country" = lower(n."country"), "tags" = n."tags"
  FROM "facts_new_contacts" n
  WHERE f."companyId" = n."companyId" AND f."id" = n."id"
    AND (f."subscriptionStatus", f."lifecycleStage", f."leadScore", f."createdAt", f."lastActivityAt", f."lastOpenedAt", f."lastClickedAt",
      f."lastEmailSentAt", f."lastOpenedDevice", f."preferredOpenHour", f."preferredOpenDay", f."country", f."tags")
    IS DISTINCT FROM
      (n."subscriptionStatus", n."lifecycleStage", n."leadScore", n."createdAt", n."lastActivityAt", n."lastOpenedAt", n."lastClickedAt",
      n."lastEmailSentAt", n."lastOpenedDevice", n."preferredOpenHour", n."preferredOpenDay", lower(n."country"), n."tags");
  RETURN NULL;
END $$;

-- A summary row appears when a contact gets its first event of a type.
CREATE FUNCTION "contact_facts_event_types_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContactFacts" f SET "eventTypes" = f."eventTypes" | b."bits"
  FROM (
    SELECT s."companyId", s."contactId", bit_or("contact_facts_event_bit"(s."type")) AS "bits"
    FROM "facts_new_summaries" s GROUP BY s."companyId", s."contactId"
  ) b
  WHERE f."companyId" = b."companyId" AND f."id" = b."contactId" AND f."eventTypes" | b."bits" <> f."eventTypes";
  RETURN NULL;
END $$;

-- A summary row goes when a contact's last event of a type is deleted (or while the summary
-- recomputes a key: it deletes, then inserts again). Contacts being deleted have no facts
-- row left to update.
CREATE FUNCTION "contact_facts_event_types_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContactFacts" f SET "eventTypes" = coalesce((
    SELECT bit_or("contact_facts_event_bit"(s."type")) FROM "ContactEventSummary" s
    WHERE s."companyId" = f."companyId" AND s."contactId" = f."id"
  ), 0)
  FROM (SELECT DISTINCT o."companyId", o."contactId" FROM "facts_old_summaries" o) k
  WHERE f."companyId" = k."companyId" AND f."id" = k."contactId";
  RETURN NULL;
END $$;

CREATE TRIGGER "Contact_facts_insert" AFTER INSERT ON "Contact"
  REFERENCING NEW TABLE AS "facts_new_contacts"
  FOR EACH STATEMENT EXECUTE FUNCTION "contact_facts_insert"();
CREATE TRIGGER "Contact_facts_update" AFTER UPDATE ON "Contact"
  REFERENCING NEW TABLE AS "facts_new_contacts"
  FOR EACH STATEMENT EXECUTE FUNCTION "contact_facts_update"();
CREATE TRIGGER "ContactEventSummary_facts_insert" AFTER INSERT ON "ContactEventSummary"
  REFERENCING NEW TABLE AS "facts_new_summaries"
  FOR EACH STATEMENT EXECUTE FUNCTION "contact_facts_event_types_add"();
CREATE TRIGGER "ContactEventSummary_facts_delete" AFTER DELETE ON "ContactEventSummary"
  REFERENCING OLD TABLE AS "facts_old_summaries"
  FOR EACH STATEMENT EXECUTE FUNCTION "contact_facts_event_types_remove"();

-- Builds the given companies' rows in one pass (the seed's bulk load switches the insert
-- triggers off and calls this once, far cheaper than row batches); also the backfill below.
CREATE FUNCTION "contact_facts_rebuild"(company_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ContactFacts" f WHERE f."companyId" = ANY(company_ids);
  INSERT INTO "ContactFacts" ("companyId", "id", "subscriptionStatus", "lifecycleStage", "leadScore", "createdAt", "lastActivityAt",
    "lastOpenedAt", "lastClickedAt", "lastEmailSentAt", "lastOpenedDevice", "preferredOpenHour",
    "preferredOpenDay", "country", "tags", "eventTypes")
  SELECT c."companyId", c."id", c."subscriptionStatus", c."lifecycleStage", c."leadScore", c."createdAt", c."lastActivityAt",
    c."lastOpenedAt", c."lastClickedAt", c."lastEmailSentAt", c."lastOpenedDevice", c."preferredOpenHour",
    c."preferredOpenDay", lower(c."country"), c."tags", coalesce(b."bits", 0)
  FROM "Contact" c
  LEFT JOIN (
    SELECT s."companyId", s."contactId", bit_or("contact_facts_event_bit"(s."type")) AS "bits"
    FROM "ContactEventSummary" s WHERE s."companyId" = ANY(company_ids)
    GROUP BY s."companyId", s."contactId"
  ) b ON b."companyId" = c."companyId" AND b."contactId" = c."id"
  WHERE c."companyId" = ANY(company_ids)
  ORDER BY c."companyId", c."id";
END $$;

-- The contacts already stored.
SELECT "contact_facts_rebuild"(ARRAY(SELECT "id" FROM "Company"));
