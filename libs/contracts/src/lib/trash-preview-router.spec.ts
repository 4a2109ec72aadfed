import { describe, expect, it } from 'vitest';
import { ServiceError } from './errors.js';
import { createAppRouter } from './router.js';
import type { AgentServices } from './services.js';
import type { TrashPreviewRequest } from './trash.js';

/** Only the methods a test gives; the router never calls the others here. */
const caller = (services: Partial<AgentServices>) => createAppRouter().createCaller({ services: services as AgentServices });

describe('trash.preview', () => {
  it('asks for a thumbnail unless a large preview is asked for, and refuses other sizes before the service sees them', async () => {
    const asked: TrashPreviewRequest[] = [];
    const api = caller({ previewTrash: async (request) => (asked.push(request), { available: false, reason: 'not a photo' }) });
    expect(await api.trash.preview({ targetId: 'tgt-1', itemId: 'a' })).toEqual({ available: false, reason: 'not a photo' });
    await api.trash.preview({ targetId: 'tgt-1', itemId: 'a', size: 'large' });
    await expect(api.trash.preview({ targetId: 'tgt-1', itemId: 'a', size: 'huge' as 'large' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.trash.preview({ targetId: '', itemId: 'a' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(asked).toEqual([
      { targetId: 'tgt-1', itemId: 'a', size: 'thumb' },
      { targetId: 'tgt-1', itemId: 'a', size: 'large' },
    ]);
  });

  it('refuses a preview that is no JPEG coming back from the agent, and maps a missing item to NOT_FOUND', async () => {
    const png = caller({ previewTrash: async () => ({ available: true, mimeType: 'image/png' as 'image/jpeg', dataBase64: 'AA==', width: 1, height: 1 }) });
    await expect(png.trash.preview({ targetId: 't', itemId: 'a' })).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    const gone = caller({ previewTrash: async () => Promise.reject(new ServiceError('NOT_FOUND', 'a is not in the trash any more.')) });
    await expect(gone.trash.preview({ targetId: 't', itemId: 'a' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'a is not in the trash any more.' });
    await expect(caller({}).trash.preview({ targetId: 't', itemId: 'a' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'This agent cannot preview trashed items.' });
  });
});
