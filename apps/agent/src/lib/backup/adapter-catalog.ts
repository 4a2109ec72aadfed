import { adapters, staticToken, type AdapterDescriptor, type BackupTarget } from '@afterimage/cloud-adapters';
import type { BackupAdapter } from '@afterimage/contracts';

/**
 * What a kind of target cannot do, as its own class says (`limits`): a target made from the registry
 * row with a token that is never sent (making one reads nothing and calls nobody).
 */
function limitsOf(descriptor: AdapterDescriptor): BackupTarget['limits'] {
  try {
    const root = descriptor.medium === 'disk' ? '/' : (descriptor.root?.default ?? 'Afterimage');
    return descriptor.create({ kind: descriptor.kind, root, account: 'catalog' }, { tokens: staticToken('never-sent') }).limits;
  } catch {
    return {};
  }
}

const ROOT_FALLBACK = { disk: { label: 'Folder', help: 'A full path.' }, cloud: { label: 'Folder', help: '', default: 'Afterimage' } } as const;

/** The registry's adapters as the dashboard and the CLI describe them, in the registry's order. */
export function adapterCatalog(rows: readonly AdapterDescriptor[] = adapters): BackupAdapter[] {
  return rows.map((descriptor) => {
    const root = descriptor.root ?? ROOT_FALLBACK[descriptor.medium];
    const limits = limitsOf(descriptor);
    return {
      kind: descriptor.kind,
      title: descriptor.title,
      medium: descriptor.medium,
      offsite: descriptor.medium === 'cloud' ? 'always' : 'optional',
      ...(descriptor.account ? { account: descriptor.account } : {}),
      root: { label: root.label, help: root.help, ...('default' in root && root.default ? { default: root.default } : {}), absolutePath: descriptor.medium === 'disk' },
      limits: Object.fromEntries(Object.entries(limits).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length > 0)),
    };
  });
}
