import express from 'express';
import { expect, it } from 'vitest';

// The router's tests run on Express 5, then on Express 4 in the `express 4` project of
// vitest.config.ts: this says which one a run actually loaded.
it('runs on the Express major its test project names', () => {
  const major = 'del' in express.application ? 4 : 5; // Express 5 removed app.del
  expect(major).toBe(Number(process.env.EXPRESS_MAJOR));
});
