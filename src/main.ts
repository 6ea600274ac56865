/**
 * `npm start`: with DISCORD_TOKEN, the Discord bot; without it, the console on the same commands
 * and knowledge, so a newcomer can try everything with no Discord account.
 */
import { loadConfigOrExit } from './config.ts';
import { loadIndexOrExit } from './console/knowledge.ts';
import { startRepl } from './console/repl.ts';

async function main(): Promise<void> {
  const config = await loadConfigOrExit();
  if (config.DISCORD_TOKEN) {
    const { startBot } = await import('./discord/start.ts');
    await startBot(config);
    return;
  }
  const index = await loadIndexOrExit(config.KNOWLEDGE_DIR);
  startRepl(index);
}

main().catch((error: unknown) => {
  process.stderr.write(`rare-earth-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
