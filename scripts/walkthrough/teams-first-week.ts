// npm run walkthrough:teams: the first week of a new alliance, played in Microsoft's Agents
// Playground as a person would (typing, @mentioning the bot, filling and pressing cards), with a
// screenshot of the chat after each step in docs/screenshots/teams-*.png.
//
// It starts `npm run playground` (the bot in Teams local mode on a fresh embedded database, and the
// Playground offline) with scripts/walkthrough/playground-config.yml as the Playground's mock
// tenant: Anna (alpha.example) and Ben (beta.example) in a group chat, so setup has two partners.
// Needs Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium); not part of `npm test`.
// Re-runnable: each run starts from an empty database and overwrites the screenshots.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Page } from "playwright-core";
import { watchPlaygroundPort } from "../lib/playground-output.js";

const root = resolve(import.meta.dirname, "../..");
const shots = join(root, "docs/screenshots");
const work = mkdtempSync(join(tmpdir(), "teams-walkthrough-"));
copyFileSync(join(root, "scripts/walkthrough/playground-config.yml"), join(work, ".m365agentsplayground.yml"));
const botPort = process.env.WALKTHROUGH_BOT_PORT ?? "3990";
const uiPort = process.env.WALKTHROUGH_PORT ?? "56190";
const botName = "Alliance Trust Bot";
const groupChat = "Alpha–Beta alliance";

// WALKTHROUGH_URL: drive a Playground that is already running (a fresh one; for editing this script).
const attachTo = process.env.WALKTHROUGH_URL;
const playground = attachTo ? null : spawn(process.execPath, ["--import", "tsx", join(root, "scripts/playground.ts")], {
  cwd: root,
  env: { ...process.env, PLAYGROUND_CONFIG_DIR: work, PLAYGROUND_BOT_PORT: botPort, PLAYGROUND_PORT: uiPort, DATA_DIR: join(work, "data") },
  stdio: ["ignore", "pipe", "inherit"],
  detached: true, // its own process group, so the bot and the Playground stop with it
});
const stop = () => {
  try {
    if (playground?.pid) process.kill(-playground.pid, "SIGINT");
  } catch {
    // already gone
  }
};
// On a failure: stop them; the bot may still write its data folder while it shuts down.
process.on("exit", stop);
/** Stops the bot and the Playground, waits for them, then removes the temporary folder. */
async function stopAndClean(): Promise<void> {
  const exited = playground && playground.exitCode === null ? new Promise((done) => playground.once("exit", done)) : Promise.resolve();
  stop();
  await Promise.race([exited, new Promise((done) => setTimeout(done, 15_000))]);
  rmSync(work, { recursive: true, force: true });
}

const port = attachTo || !playground ? Number(new URL(attachTo ?? "").port) : await new Promise<number>((resolvePort, reject) => {
  const timer = setTimeout(() => reject(new Error("the Playground did not start within 180 s")), 180_000);
  const watch = watchPlaygroundPort((found) => {
    clearTimeout(timer);
    resolvePort(found);
  });
  playground.stdout?.setEncoding("utf8");
  playground.stdout?.on("data", (chunk: string) => watch(chunk));
  playground.on("exit", (code) => reject(new Error(`npm run playground exited (${code})`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  // Offline machine: no background calls home (they are refused many at a time otherwise).
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.setDefaultTimeout(30_000);

/** Sends `text` to the bot in the open conversation, @mentioning it first when `mention` is set. */
async function say(text: string, mention = true): Promise<void> {
  const box = page.getByRole("textbox");
  await box.click();
  if (mention) {
    await page.keyboard.type("@Alli", { delay: 40 });
    await page.getByRole("menuitem", { name: botName }).click(); // the Playground's mention picker
    await page.keyboard.type(" ");
  }
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press("Enter");
}

/** Waits until the chat shows `text` (from the bot, a card, or a refreshed card). */
async function waitForText(text: string | RegExp, timeoutMs = 45_000): Promise<void> {
  try {
    await page.getByText(text).last().waitFor({ state: "visible", timeout: timeoutMs });
  } catch (error) {
    // What the page showed instead, for whoever re-runs this after a wording change.
    const failure = join(tmpdir(), "teams-walkthrough-failure.png");
    await page.screenshot({ path: failure });
    process.stderr.write(`did not see ${String(text)}; the page is in ${failure}\n`);
    throw error;
  }
  await page.waitForTimeout(600); // let cards finish laying out
}

/** Scrolls the chat so the newest element showing `text` (a card's title) is near the top. */
async function scrollToTop(text: string | RegExp): Promise<void> {
  await page.getByText(text).last().evaluate((element) => element.scrollIntoView({ block: "start" }));
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, -90); // the sender line above the card too
  await page.waitForTimeout(400);
}

/** A screenshot of the chat pane alone, scrolled to the newest message. */
async function shot(name: string): Promise<void> {
  const path = join(shots, `teams-${name}.png`);
  await page.screenshot({ path, clip: chatClip });
  process.stdout.write(`saved ${path}\n`);
}

mkdirSync(shots, { recursive: true });
await page.goto(`http://localhost:${port}`);
await page.getByText(groupChat).first().click();
await waitForText(/mention me before each command/);
// The chat pane only: the conversation list and the Playground's log panel are for developers.
const chatClip = { x: 330, y: 48, width: 620, height: 752 };

// Day 1: the admin sets the alliance up in the group chat, with its two partners.
await say("setup");
await waitForText("Alliance name");
await page.getByLabel("Alliance name").fill("Alpha–Beta alliance");
await page.getByLabel("Organisation 1").fill("Alpha");
await page.getByLabel("E-mail domains (comma-separated)").nth(0).fill("alpha.example");
await page.getByLabel("Organisation 2").fill("Beta");
await page.getByLabel("E-mail domains (comma-separated)").nth(1).fill("beta.example");
await scrollToTop("Alliance setup");
await shot("1-setup-form");
await page.getByRole("button", { name: "Save" }).last().click();
await waitForText(/Setup saved/);
await shot("2-setup-saved");

// A member asks the partners a question; a vote changes the card in place.
await say('poll "Which day suits the monthly steering meeting?" "Monday" "Wednesday" "Friday"');
await waitForText("Which day suits the monthly steering meeting?");
// One row per option: tapping the row is the vote (no separate radio list or Vote button).
await page.getByText(/^○ 2 · Wednesday$/).last().click();
await waitForText(/your vote is in|Your vote/i);
await scrollToTop("Which day suits the monthly steering meeting?");
await shot("3-poll-voted");

// An agreement between the partners is logged, and later kept.
await say("commit send the draft contract for Beta by friday");
await waitForText("#1 send the draft contract");
await shot("4-agreement-logged");
await say("commit kept #1 sent with the annex");
await waitForText(/reports #1 .* as kept/);
await shot("5-agreement-kept");

// Anyone can ask how the alliance is doing, any day of the week.
await say("health");
await waitForText(/Trust health ·/);
await scrollToTop(/Trust health ·/);
await shot("6-health");

// Dutch words work too, for everyone; the answer comes in the member's language (here English).
await say("hulp");
await waitForText("Alliance Trust Bot: what I can do");
await scrollToTop("Alliance Trust Bot: what I can do");
await shot("7-help-dutch-word");

await browser.close();
await stopAndClean();
process.exit(0);
