// Catalog suite: list and search 100,000 products through the HTTP API.
import { signupOwner, startBackend } from './harness.mjs';
import { measure } from './latency.mjs';

const PRODUCTS = 100_000;
const WORDS = [
  'Oolong',
  'Sencha',
  'Assam',
  'Darjeeling',
  'Rooibos',
  'Matcha',
  'Chai',
  'Earl Grey',
  'Jasmine',
  'Pu-erh',
];

function productsCsv() {
  const lines = ['sku,name,unit,kind,salePrice,purchasePrice,taxRate,reorderLevel,active'];
  for (let i = 0; i < PRODUCTS; i++) {
    const n = String(i).padStart(6, '0');
    lines.push(
      `SKU-${n},${WORDS[i % WORDS.length]} tea ${n},pcs,${i % 5 === 0 ? 'service' : 'goods'},${(i % 977) + 1}.${String(i % 100).padStart(2, '0')},1.00,20,0,${i % 9 !== 0}`,
    );
  }
  return lines.join('\n');
}

export async function catalogSuite(env = {}) {
  const backend = await startBackend(env);
  try {
    const owner = await signupOwner(backend.baseUrl, `owner-${Date.now()}@bench.test`, 'bench-password-123');
    const started = Date.now();
    const response = await fetch(`${backend.baseUrl}/api/v1/products/import`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'x-xsrf-token': owner.token, 'content-type': 'text/csv' },
      body: productsCsv(),
    });
    const report = await response.json();
    if (report.imported !== PRODUCTS) throw new Error(`import failed: ${JSON.stringify(report).slice(0, 300)}`);
    const importSeconds = (Date.now() - started) / 1000;
    const headers = { cookie: owner.cookie };
    const searches = ['oolong', 'tea 0421', 'sku-0999', 'jasmine tea 05', 'matcha', 'rooibos tea 1'];
    const scenarios = [
      ['list, first page (25, by name)', ['/api/v1/products?limit=25']],
      ['list, deep page (offset 90,000, by price desc)', ['/api/v1/products?limit=25&offset=90000&sort=-salePrice']],
      ['search by name or SKU (6 terms)', searches.map((q) => `/api/v1/products?limit=25&q=${encodeURIComponent(q)}`)],
      ['filtered: active goods, search', ['/api/v1/products?limit=25&active=true&kind=goods&q=assam']],
    ];
    const results = [];
    for (const [name, paths] of scenarios) {
      for (const connections of [1, 4]) {
        results.push({ name, ...(await measure({ baseUrl: backend.baseUrl, paths, headers, connections })) });
      }
    }
    return { importSeconds, products: PRODUCTS, results };
  } finally {
    await backend.stop();
  }
}
