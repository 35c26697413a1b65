export * from './mp4.js';
export * from './server.js';
