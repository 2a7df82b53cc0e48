"""What the corpus-writing scripts share: where pages and gold records go, and how they are
written (``write_pages.py`` and ``write_templates.py`` both rebuild their pages byte for byte)."""
import html
import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
PAGES = CORPUS / 'pages'
TRUTH = CORPUS / 'truth'


def esc(s):
    return html.escape(s, quote=False)


def write(stem, page, truth, encoding='utf-8'):
    """The page in its encoding, its gold record as indented UTF-8 JSON."""
    (PAGES / f'{stem}.html').write_bytes(page.encode(encoding))
    with open(TRUTH / f'{stem}.json', 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write('\n')


def gold(title, published, body, source=None, **extra):
    """A gold record in the corpus's format (../shared/corpus/README.md)."""
    t = {'title': title, 'title_alts': extra.pop('title_alts', []), 'published': published,
         'body': '\n'.join(body), 'publisher_or_source': source,
         'attachments': extra.pop('attachments', [])}
    t.update(extra)
    return t
