export * from './mp4.js';
export * from './server.js';
export * from './videos.js';
