import { base, en, Faker } from "@faker-js/faker";

/**
 * Pools of names drawn once from faker with a fixed seed. Contacts pick from the pools
 * with the fast seeded generator: a million contacts would spend most of their time in
 * faker otherwise, and the pools are large enough to look real.
 */
export type NamePools = { firstNames: string[]; lastNames: string[]; companyNames: string[] };

let pools: NamePools | undefined;

export function namePools(): NamePools {
  if (!pools) {
    const faker = new Faker({ locale: [en, base] });
    faker.seed(20_240_601);
    pools = {
      firstNames: faker.helpers.uniqueArray(() => faker.person.firstName(), 600),
      lastNames: faker.helpers.uniqueArray(() => faker.person.lastName(), 600),
      companyNames: faker.helpers.uniqueArray(() => faker.company.name(), 2000),
    };
  }
  return pools;
}

/** "Zoë O'Brien" -> "zoeobrien": what fits in an email's local part or domain. */
export function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}
