// Material for MkDocs' built-in search, run outside the browser for benchmarks.
//
// Loads the very worker script that a built site ships (assets/javascripts/workers/search.*.js)
// with the lunr language files it imports, feeds it the site's search/search_index.json the
// way the page does (SETUP), then asks each query (QUERY) and prints, per query, the page
// locations in the order Material would list them.
//
// usage: node bench/material_search.js SITE_DIR [--suggest] < queries.json > rankings.json
// (--suggest when the site enables the `search.suggest` feature, as the page then does)
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")

const site = process.argv[2]
const suggest = process.argv.includes("--suggest")
if (!site) {
  console.error("gebruik: node material_search.js SITE_DIR < zoekvragen.json")
  process.exit(2)
}
const workers = path.join(site, "assets", "javascripts", "workers")
const worker = fs.readdirSync(workers).find(name => /^search\..*\.min\.js$/.test(name))
if (!worker) {
  console.error(`geen zoekworker van Material gevonden in ${workers}`)
  process.exit(1)
}

// The worker's environment: `self`, `importScripts`, and messages in both directions.
let handler = null
const replies = []
globalThis.self = globalThis
globalThis.addEventListener = (type, fn) => { if (type === "message") handler = fn }
globalThis.postMessage = message => replies.push(message)
globalThis.importScripts = (...urls) => {
  for (const url of urls)
    vm.runInThisContext(fs.readFileSync(path.resolve(workers, url), "utf-8"), { filename: url })
}
vm.runInThisContext(fs.readFileSync(path.join(workers, worker), "utf-8"), { filename: worker })

async function ask(message) {
  replies.length = 0
  await handler({ data: message })
  // The handler posts its answer after an awaited promise; let it settle.
  for (let i = 0; i < 100 && !replies.length; i++) await new Promise(r => setImmediate(r))
  return replies.shift()
}

async function main() {
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf-8"))
  const queries = JSON.parse(fs.readFileSync(0, "utf-8"))
  // Message types of Material's search worker: 0 SETUP, 1 READY, 2 QUERY, 3 RESULT.
  // The page adds the options when it sets the worker up (setupSearchWorker in Material).
  const ready = await ask({ type: 0, data: { ...index, options: { suggest } } })
  if (!ready || ready.type !== 1) throw new Error("de zoekworker meldt zich niet gereed")
  const rankings = []
  for (const query of queries) {
    const result = await ask({ type: 2, data: query })
    const items = (result && result.data && result.data.items) || []
    rankings.push(items.map(group => group[0].location))
  }
  process.stdout.write(JSON.stringify(rankings))
}

main().catch(err => { console.error(err); process.exit(1) })
