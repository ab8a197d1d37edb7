/**
 * The CLI the tests spawn writes plain text. Jest gives its workers
 * FORCE_COLOR=1 when it runs on a colour terminal, and spawned processes
 * would inherit it; the tests of colour set FORCE_COLOR or NO_COLOR themselves.
 */
delete process.env.FORCE_COLOR;
delete process.env.NO_COLOR;
