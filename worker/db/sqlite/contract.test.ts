import { env } from 'cloudflare:workers';
import { runContract } from '../contract';
import { createD1Repos } from '.';

runContract('d1', (clock) => createD1Repos(env.DB, clock));
