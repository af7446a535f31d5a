#!/bin/sh
# Prisma's native schema engine cannot be downloaded here. generate/validate/format do not
# need it; migrations run through scripts/migrate.ts (WebAssembly engine) instead.
echo "The native Prisma schema engine is not installed: use npm run db:migrate / db:migration:new" >&2
exit 1
