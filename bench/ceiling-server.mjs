// A baseline server for ceiling.bench.mjs: sends the bytes it reads on stdin, as raw node:http,
// Fastify, Nest on Fastify, or Nest on Fastify after one prepared PostgreSQL query.
import 'reflect-metadata';
import { createServer } from 'node:http';
import { text } from 'node:stream/consumers';
import { Controller, Get, Module, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import pg from 'pg';

const kind = process.argv[2];
const body = Buffer.from(await text(process.stdin));
const port = Number(process.env.PORT);
const TYPE = 'text/html; charset=utf-8';

if (kind === 'raw') {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': TYPE, 'content-length': body.length });
    res.end(body);
  });
  server.listen(port, '127.0.0.1', () => console.log('ready'));
} else if (kind === 'fastify') {
  const app = Fastify();
  app.get('/', (_req, reply) => reply.type(TYPE).send(body));
  await app.listen({ port, host: '127.0.0.1' });
  console.log('ready');
} else {
  // Like a session lookup: one prepared statement on a pool of 10, its row read before the reply.
  const pool = kind === 'nest-query' ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) : null;
  class Page {
    async get(reply) {
      if (pool) await pool.query({ name: 'ceiling', text: 'SELECT $1::text AS id, now() AS at', values: ['x'] });
      reply.type(TYPE).send(body);
    }
  }
  Reflect.decorate([Get('/')], Page.prototype, 'get', Object.getOwnPropertyDescriptor(Page.prototype, 'get'));
  Res()(Page.prototype, 'get', 0);
  Controller()(Page);
  class App {}
  Module({ controllers: [Page] })(App);
  const app = await NestFactory.create(App, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
  console.log('ready');
}
