#!/usr/bin/env bash
# While nothing has shipped, the schema lives in one "init" migration. After editing
# prisma/schema.prisma, run this to rebuild that migration and the client. Serialised with a lock
# because several people may run it at once. Once a release has shipped, use
# `npm run db:new-migration -- <name>` instead and never edit an applied migration.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/atb-migration.lock
flock 9
rm -rf prisma/migrations/*_init
bash scripts/new-migration.sh init
npx prisma generate >/dev/null
echo "init migration and client regenerated"
