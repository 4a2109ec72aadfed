import { FaultPlan } from '../lib/faults.js';
import { oauthRoutes, type AuthorizationServer, type OAuthOptions } from '../lib/oauth.js';
import { startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse } from '../lib/server.js';
import { TokenBook } from '../lib/tokens.js';
import { googleError, photosFaultBody, UNAUTHENTICATED } from './google-errors.js';
import { batchCreate, createAlbum, getItem, listAlbums, searchItems } from './library-routes.js';
import { PhotosState, type PhotoAlbum, type PhotoItem } from './photos-state.js';
import { stripLocation } from './strip-location.js';
import { handleUpload } from './upload-routes.js';

export interface GooglePhotosEmulatorOptions {
  faults?: FaultPlan;
  tokens?: TokenBook;
  port?: number;
  /** Its authorization server's settings (client id, secret, token lifetime…); it issues tokens into `tokens`. */
  oauth?: Partial<Omit<OAuthOptions, 'provider' | 'tokens'>>;
}

export interface GooglePhotosEmulator extends Emulator {
  readonly state: PhotosState;
  readonly tokens: TokenBook;
  /** Google's OAuth (/o/oauth2/v2/auth, /token) on the same origin, issuing tokens this API accepts. */
  readonly oauth: AuthorizationServer;
  /** An album the user made in the Photos app: this app can neither see nor add to it. */
  addForeignAlbum(title: string): PhotoAlbum;
  /** A photo the user took: in the library (and the album, when given) but not visible to this app. */
  addForeignItem(filename: string, bytes: Buffer, albumId?: string): PhotoItem;
}

/**
 * GET <baseUrl>=d (or =dv for videos): the item's bytes. As with real Google, =d gives a photo back without its
 * location metadata (strip-location.ts: a geotagged JPEG comes back shorter, without its GPS directory).
 * Real Google's =dv gives "a high quality, transcoded version of the original video"; this emulator cannot
 * transcode and serves a video's bytes as uploaded (the adapter uploads no videos: it could not check them).
 * Base URLs are for app-created items only (they are only ever handed out for those); other parameters
 * (=w…-h…, none) would give a resized image and are not emulated.
 */
function download(state: PhotosState, path: string): EmulatorResponse {
  const [, id = '', parameter] = /^\/lr\/([\w-]+)(?:=(.*))?$/.exec(path) ?? [];
  const item = state.items.get(id);
  if (!item?.appCreated) return { status: 404, body: 'Not Found' };
  if (parameter !== 'd' && parameter !== 'dv') return { status: 400, body: 'Only =d and =dv downloads are emulated.' };
  return { status: 200, headers: { 'content-type': item.mimeType }, body: parameter === 'd' ? stripLocation(item.bytes) : item.bytes };
}

/** A local Google Photos Library API (the subset the google-photos adapter uses), on 127.0.0.1. */
export async function startGooglePhotosEmulator(options: GooglePhotosEmulatorOptions = {}): Promise<GooglePhotosEmulator> {
  const state = new PhotosState();
  const tokens = options.tokens ?? new TokenBook();
  const signIn = oauthRoutes({ ...options.oauth, provider: 'google', tokens });
  const handler = (request: EmulatorRequest): EmulatorResponse => {
    const oauth = signIn(request);
    if (oauth) return oauth;
    const { method, path } = request;
    if (method === 'GET' && path.startsWith('/lr/')) return download(state, path);
    if (!tokens.accepts(request.headers.authorization)) return UNAUTHENTICATED;
    if (method === 'POST' && path === '/v1/uploads') return handleUpload(state, request);
    if (method === 'GET' && path === '/v1/albums') return listAlbums(state, request);
    if (method === 'POST' && path === '/v1/albums') return createAlbum(state, request);
    if (method === 'POST' && path === '/v1/mediaItems:batchCreate') return batchCreate(state, request);
    if (method === 'POST' && path === '/v1/mediaItems:search') return searchItems(state, request);
    const [, itemId] = /^\/v1\/mediaItems\/([^/:]+)$/.exec(path) ?? [];
    if (method === 'GET' && itemId) return getItem(state, request, decodeURIComponent(itemId));
    return googleError(404, `${method} ${path} is not part of the emulated Library API.`);
  };
  const emulator = await startEmulator({ name: 'google-photos', handler, errorBody: photosFaultBody, faults: options.faults, port: options.port });
  return Object.assign(emulator, {
    state,
    tokens,
    oauth: signIn.server,
    addForeignAlbum: (title: string) => state.addAlbum(title, false),
    addForeignItem: (filename: string, bytes: Buffer, albumId?: string) => state.addItem({ filename, mimeType: 'image/jpeg', bytes, appCreated: false }, albumId),
  });
}
