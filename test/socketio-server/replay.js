'use strict';
// Usage: node replay.js <capture.jsonl> [port] [delayMs]
//   port:    0 = random (default; env PORT); the chosen port is printed as "PORT <n>".
//   delayMs: pause between messages (default 2; env REPLAY_DELAY_MS).
//   env REPLAY_THEN_DISCONNECT=1: after the replay the server disconnects the client (socket.disconnect(true)).
// Each connecting client gets the whole capture with its real framing: data lists are spread into
// several emit arguments, exactly as the provider sends a trace object before the payload.
const fs = require('fs');
const http = require('http');
const { Server } = require('socket.io');

const capturePath = process.argv[2];
if (!capturePath) {
  console.error('usage: node replay.js <capture.jsonl> [port] [delayMs]');
  process.exit(2);
}

const port = Number(process.argv[3] ?? process.env.PORT ?? 0);
const delayMs = Number(process.argv[4] ?? process.env.REPLAY_DELAY_MS ?? 2);
const thenDisconnect = process.env.REPLAY_THEN_DISCONNECT === '1';
const messages = fs.readFileSync(capturePath, 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line));

const httpServer = http.createServer();
const io = new Server(httpServer, { cors: { origin: '*' } });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

io.on('connection', async (socket) => {
  console.log(`CONNECTED ${socket.id}`);
  for (const m of messages) {
    if (socket.disconnected) {
      return;
    }
    socket.emit(m.event_type, ...(Array.isArray(m.data) ? m.data : [m.data]));
    if (delayMs > 0) {
      await sleep(delayMs);
    }
  }
  console.log(`REPLAYED ${messages.length} ${socket.id}`);
  if (thenDisconnect) {
    socket.disconnect(true);
  }
});

httpServer.listen(port, '127.0.0.1', () => {
  console.log(`PORT ${httpServer.address().port}`);
});

const shutdown = () => {
  io.close();
  httpServer.close(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
