// Package graphiql serves the GraphiQL playground of "issgraph serve" from
// files embedded in the binary: the page asks nothing of any host but its
// own, so it works on a network that reaches only the server, and its
// Content-Security-Policy can be strict.
//
// Handler serves the page; Assets serves its files under AssetPath, each at
// a URL that names a hash of its content, so browsers may cache them for
// a year and a new build is fetched at once.
//
// assets/ holds the UMD builds of GraphiQL and React, byte for byte as
// npm ships them, with their licences and a VERSIONS manifest; the
// versions are pinned in package.json and package-lock.json. Never edit
// assets/ by hand; to upgrade, change the pins and refresh:
//
//	npm install --save-dev --save-exact graphiql@X react@Y react-dom@Y
//	npm ci && node scripts/vendor-assets.mjs
//
// CI runs "node scripts/vendor-assets.mjs --check" after "npm ci", which
// fails if assets/ differs from what the lockfile gives. GraphiQL 4 is the
// last major version with a UMD build; React 18 the last with UMD files.
//
// static/ and page.html are ours: the page, its stylesheet and the script
// that starts GraphiQL. The page has no inline script or style, so its
// policy has no 'unsafe-inline'; the one inline style GraphiQL adds at run
// time is admitted by a nonce (see policy).
package graphiql
