/**
 * `npm test` runs this before any test: the Magento module's tests (test/server/integration-magento.test.ts) run its
 * PHP with `php`, which needs 8.1 or later (the module's constructor property promotion and readonly properties) and
 * the XML extension (the tests check the module's XML files with SimpleXML, as Magento reads them). Said once,
 * plainly, rather than as failed tests.
 */
import { spawnSync } from 'node:child_process';

const php = process.env.PHP_PATH || 'php';
const probe = spawnSync(php, ['-r', 'echo PHP_VERSION_ID >= 80100 && function_exists("simplexml_load_file") ? "ok" : PHP_VERSION;'], { encoding: 'utf8' });
if (probe.error || probe.stdout.trim() !== 'ok') {
  console.error(
    `\nPHP 8.1+ with its XML extension was not found (${php}${process.env.PHP_PATH ? ', PHP_PATH' : ''}: ${probe.error ? 'not found' : `PHP ${probe.stdout.trim() || '?'}, or no SimpleXML`}).\n` +
      'The Magento module\'s tests run its PHP. Install it with:  sudo apt-get install -y php-cli php-xml   (Debian/Ubuntu)\n' +
      'or point PHP_PATH at an existing php binary.\n',
  );
  process.exit(1);
}
