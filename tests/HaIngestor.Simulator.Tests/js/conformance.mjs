// Conformance check: Home Assistant's official JavaScript client against the simulator.
// Usage: node conformance.mjs <base-url> <token>   (HAI_TEST_NODE_MODULES points at the installed node tools)
// Prints one JSON line with what the client saw; exits 0 only if every step worked.
import { createRequire } from "node:module";
import { join } from "node:path";

const modules = process.env.HAI_TEST_NODE_MODULES;
if (!modules) {
  console.error("HAI_TEST_NODE_MODULES is not set");
  process.exit(2);
}

// ESM ignores NODE_PATH, so resolve the packages from the given folder explicitly.
const require = createRequire(join(modules, "resolve-from-here.js"));
const WebSocket = require("ws");
// Node 20 has no global WebSocket; the client uses the global one.
globalThis.WebSocket = WebSocket;
const haws = require("home-assistant-js-websocket");

const [baseUrl, token] = process.argv.slice(2);
const watchdog = setTimeout(() => {
  console.error("conformance: timed out");
  process.exit(1);
}, 25000);

function waitFor(register, predicate) {
  return new Promise((resolve) => {
    register((value) => {
      if (predicate(value)) resolve(value);
    });
  });
}

const result = {};
try {
  // A wrong token must be reported as invalid auth, not retried.
  try {
    await haws.createConnection({ auth: haws.createLongLivedTokenAuth(baseUrl, "wrong-" + token) });
    result.invalidAuth = "connected";
  } catch (err) {
    result.invalidAuth = err === haws.ERR_INVALID_AUTH ? "ERR_INVALID_AUTH" : String(err);
  }

  const conn = await haws.createConnection({ auth: haws.createLongLivedTokenAuth(baseUrl, token) });
  result.haVersion = conn.haVersion;

  let onEvent;
  // The home lives meanwhile (other events, the same light switched by "people"): wait for our own change.
  const eventSeen = waitFor(
    (cb) => (onEvent = cb),
    (ev) => ev.data?.entity_id === "light.kitchen_ceiling" && ev.data.new_state?.attributes?.brightness === 77,
  );
  await conn.subscribeEvents((ev) => onEvent(ev), "state_changed");

  let onEntities;
  const firstEntities = new Promise((resolve) => {
    const seen = [];
    onEntities = (entities) => {
      seen.push(entities);
      if (seen.length === 1) resolve(entities);
      if (onEntities.next) onEntities.next(entities);
    };
  });
  const unsubEntities = haws.subscribeEntities(conn, (entities) => onEntities(entities));
  const initial = await firstEntities;
  result.entityCount = Object.keys(initial).length;
  result.initialLight = initial["light.kitchen_ceiling"]?.state;
  result.initialHasAttributes = typeof initial["sensor.kitchen_temperature"]?.attributes?.unit_of_measurement === "string";

  const lightOn = new Promise((resolve) => {
    onEntities.next = (entities) => {
      const light = entities["light.kitchen_ceiling"];
      if (light?.state === "on" && light.attributes.brightness === 77) resolve(light);
    };
  });

  const serviceResult = await haws.callService(conn, "light", "turn_on", { brightness: 77 }, { entity_id: "light.kitchen_ceiling" });
  result.serviceContextId = serviceResult?.context?.id ?? null;

  const ev = await eventSeen;
  result.eventType = ev.event_type;
  result.eventNewState = ev.data.new_state.state;
  result.eventOrigin = ev.origin;

  const light = await lightOn;
  result.entityUpdateState = light.state;
  result.entityUpdateBrightness = light.attributes.brightness;
  result.entityUpdateLastChangedIsIso = !Number.isNaN(Date.parse(light.last_changed));

  const states = await haws.getStates(conn);
  result.getStatesCount = states.length;
  const config = await haws.getConfig(conn);
  result.configVersion = config.version;
  await conn.ping();
  result.ping = "pong";

  unsubEntities();
  conn.close();
  clearTimeout(watchdog);
  console.log(JSON.stringify(result));
  process.exit(0);
} catch (err) {
  console.error("conformance: failed", err, JSON.stringify(result));
  process.exit(1);
}
