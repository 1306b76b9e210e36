#!/usr/bin/python3
# The independent implementation tst_cssselect checks html's CSS selectors
# against: lxml's HTML parser (libxml2's, as ours) with cssselect's HTML
# translator. Prints, for each selector of SELECTORS on PAGE, the XPath
# paths of the elements it selects from the document, as JSON.
import json
import sys

from cssselect import HTMLTranslator
from lxml import etree

page, selectors = sys.argv[1], sys.argv[2]
with open(page, 'rb') as f:
    tree = etree.ElementTree(etree.HTML(f.read(), etree.HTMLParser(encoding='utf-8')))
translator = HTMLTranslator()
results = {}
with open(selectors, encoding='utf-8') as f:
    for line in f:
        selector = line.strip()
        if not selector or selector.startswith('# '):
            continue
        xpath = translator.css_to_xpath(selector)
        results[selector] = [tree.getpath(element) for element in tree.xpath(xpath)]
json.dump(results, sys.stdout)
