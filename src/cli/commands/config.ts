import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { JpAuditError } from '../../errors.js';
import { catalogue, type Lang } from '../../i18n/index.js';
import { writeFileAtomic } from '../../io/write.js';
import { CONFIG_NAMES } from '../../policy/config.js';
import { configTemplate } from '../../policy/template.js';
import { type CliIo, EXIT } from '../io.js';
import { resolveSettings, type SettingsFlags } from '../settings.js';

/** `jp-audit init`: writes the commented configuration file with every setting at its default. */
export async function initCommand(flags: { force?: boolean; lang?: Lang; quiet?: boolean }, io: CliIo, say: (s: string) => void): Promise<number> {
  const file = join(io.cwd, CONFIG_NAMES[0]!);
  if (existsSync(file) && !flags.force) throw new JpAuditError('config-exists', {}, file);
  await writeFileAtomic(file, configTemplate(flags.lang ?? 'id'));
  if (!flags.quiet) say(`jp-audit: ${catalogue(flags.lang ?? 'id').labels.initWrote({ file })}`);
  return EXIT.ok;
}

/** `jp-audit policy`: the settings in force after defaults, the config file and flags are merged. */
export async function policyCommand(flags: SettingsFlags & { format?: 'yaml' | 'json' }, io: CliIo): Promise<number> {
  const s = await resolveSettings(flags, io);
  const view = {
    source: s.source,
    year: s.year ?? io.now().getFullYear(),
    lang: s.lang,
    requirements: s.policy.requirements,
    minutesPerJp: s.policy.minutesPerJp,
    prorate: s.policy.prorate,
    exemptStatuses: s.policy.exemptStatuses,
    latsar: s.policy.latsar,
    defaultType: s.policy.defaultType,
    ...(s.policy.undatedYear !== undefined ? { undatedYear: s.policy.undatedYear } : {}),
    columns: Object.fromEntries(s.columns),
    headers: Object.fromEntries(s.headers),
    typeAliases: Object.fromEntries(s.typeAliases),
    phaseAliases: Object.fromEntries(s.phaseAliases),
  };
  io.stdout.write(flags.format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : (await import('yaml')).stringify(view));
  return EXIT.ok;
}
