/** `pnpm schema:emit`: writes schema/schema.graphql from the code. */
import fs from 'node:fs';
import { SDL_PATH, printSdl } from '../graphql/sdl.js';

fs.writeFileSync(SDL_PATH, await printSdl());
console.log(`wrote ${SDL_PATH}`);
