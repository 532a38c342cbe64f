// Package ref turns the many spellings of an EU document or procedure
// reference into one canonical string and one node id, and finds such
// references in free text.
//
// The dataset, the GraphQL lookups and the importers all go through this
// package, so that "COM(2010)0673" in a Parliament file, "COM(2010) 673
// final" in a summary and "com/2010/673" typed by a user meet at one node.
//
// # Canonical forms and ids
//
// Parse accepts every spelling in the middle column (case-insensitively,
// with any white space where a space may be); String prints the canonical
// form and ID the node id.
//
//	Type                accepted spellings (examples)                  canonical                      id
//	COM, SEC, SWD,      COM(2010) 673, COM(2010)0673, COM/2010/673,    COM(2010) 673                  document/com-2010-0673
//	JOIN, C             52010DC0673, 52010PC0673 (CELEX)
//	JOIN, C             COM (2010) 673 final, C(2014) 1234             C(2014) 1234                   document/c-2014-1234
//	SP                  SP(2012)542, SP(2012) 0542                     SP(2012)542                    document/sp-2012-0542
//	COUNCIL             16797/10, ST 16797/10, doc. 16797/10,          16797/10                       document/council-16797-10
//	                    ST 16797 2010 INIT, 16797/2010 (OEIL)
//	                    14186/14 REV 1, 14186/1/14 REV 1, 14186/1/14,  14186/1/14 REV 1               document/council-14186-14-rev1
//	                    ST 14186 2014 REV 1
//	                    14186/1/14 REV 1 COR 1                         14186/1/14 REV 1 COR 1         document/council-14186-14-rev1-cor1
//	                    9124/14 ADD 1, 09124/2014/ADD 1 (OEIL)         9124/14 ADD 1                  document/council-9124-14-add1
//	EUCO                EUCO 79/14                                     EUCO 79/14                     document/euco-79-14
//	EP_REPORT           A7-0143/2012, A7-143/2012                      A7-0143/2012                   document/ep-a7-0143-2012
//	EP_MOTION           B7-0123/2012                                   B7-0123/2012                   document/ep-b7-0123-2012
//	EP_JOINT_MOTION     RC-B7-0123/2012                                RC-B7-0123/2012                document/ep-rc-b7-0123-2012
//	EP_REFERRAL         C7-0094/2013                                   C7-0094/2013                   document/ep-c7-0094-2013
//	EP_RECEIVED         N7-0089/2013                                   N7-0089/2013                   document/ep-n7-0089-2013
//	EP_TEXT             T7-0207/2012, P7_TA(2012)0207,                 T7-0207/2012                   document/ep-t7-0207-2012
//	                    P7_TA-PROV(2012)0207
//	EP_PE               PE473.725, PE 473.725, PE473.725v01-00         PE473.725                      document/ep-pe473.725
//	PROCEDURE           2010/2308(INI), 2010/2308 (INI)                2010/2308(INI)                 procedure/2010-2308-ini
//	DIRECTIVE           Directive 2011/36/EU, 32011L0036 (CELEX),      Directive 2011/36/EU           document/directive-2011-36-eu
//	                    http://data.europa.eu/eli/dir/2011/36/oj (ELI)
//	                    Council Directive 2008/114/EC                  Directive 2008/114/EC          document/directive-2008-114-ec
//	                    Directive 95/46/EC                             Directive 95/46/EC             document/directive-1995-46-ec
//	                    Directive (EU) 2016/680, Directive 2016/680/EU Directive (EU) 2016/680        document/directive-2016-680
//	REGULATION          Regulation (EU) No 1052/2013                   Regulation (EU) No 1052/2013   document/regulation-2013-1052
//	                    Council Regulation (EC) No 2007/2004           Regulation (EC) No 2007/2004   document/regulation-2004-2007
//	                    Regulation (EU) 2016/679                       Regulation (EU) 2016/679       document/regulation-2016-679
//	DECISION            Council Decision 2008/615/JHA                  Decision 2008/615/JHA          document/decision-2008-615-jha
//	                    Decision No 1082/2013/EU                       Decision No 1082/2013/EU       document/decision-no-2013-1082-eu
//	                    Council Decision (CFSP) 2015/1333              Decision (CFSP) 2015/1333      document/decision-2015-1333
//	FRAMEWORK_DECISION  Council Framework Decision 2002/475/JHA        Framework Decision 2002/475/JHA document/framework-decision-2002-475-jha
//
// Rules behind the table:
//
//   - Commission and SP numbers are zero-padded to four digits in ids only;
//     "final" (and "final/2") is dropped: the id names the document, not
//     one of its versions.
//   - CELEX numbers (with or without "CELEX:") and ELIs name the same
//     documents: sector 5 DC and PC are COM documents, SC is SEC before 2012
//     and SWD since, JC is JOIN, IP a text adopted by Parliament; sector 3
//     L, R, D and F are directives, regulations, decisions and framework
//     decisions, as are the ELI types dir, reg, dec and dec_framw (with
//     _impl or _del). Neither gives the domain a directive's or decision's
//     number had before 2015, which its id keeps: Parse takes the likeliest
//     (EU since 2010, EC since 1994, EEC before; JHA for framework
//     decisions) and Variants lists the others for lookups to try. Nor does
//     52014IP0001 say which of the two terms of 2014 it belongs to. The
//     reverse, CELEX and ELI of a Ref, is computed: a COM document's CELEX
//     is DC or PC depending on what the document is, so none is given.
//   - Council numbers carry two-digit years, read as 1950 to 2049. A
//     revision is written in the number and as REV (14186/1/14 REV 1); the
//     two must agree. Addenda (ADD) and corrigenda (COR) are documents of
//     their own and get their own ids; the canonical order is REV, ADD, COR.
//     The register's spelling "ST 14186 2014 REV 1" is accepted too.
//   - Parliament numbers (A, B, RC-B, T, C, N) name a term from 1 on, with
//     no upper bound, so that a future term is never refused. The first
//     term ran 1979-1984 and each lasts five years; a number whose year
//     falls outside its term (A7-0143/2020) parses, and Check reports it as
//     implausible, for importers to warn about. P7_TA(…) is the Official
//     Journal's spelling of a T text.
//   - Procedure type codes must be one of ProcedureCodes.
//   - Legal acts: the author ("Council", "Commission") and "Implementing" or
//     "Delegated" are dropped, since they share the numbering of their act
//     type. Before 2015 directives and decisions were numbered
//     year/number/domain (two-digit years before 1999), regulations and
//     Parliament-and-Council decisions "No number/year"; since 2015 every act
//     is "(domain) year/number". Ids put the year first in every era; they
//     keep the domain before 2015, when it was part of the number, and drop
//     it since (one numbering for all acts); regulations never had one
//     numbering per domain and their ids never carry it. "Decision No"
//     numbers are a series of their own and their ids say so
//     (decision-no-…). Framework decisions date from 1999 to 2009.
//   - Four-digit years must lie between 1950 and 2100; input longer than
//     MaxLen bytes is refused. Every error matches graph.ErrInvalid.
//
// # Identifiers and links
//
// Identifiers lists a document's or procedure's identifiers (its reference,
// CELEX number, ELI), marking derived those computed from the reference
// rather than stated by a source; Links builds its public pages (EUR-Lex,
// ELI, the Official Journal issue, the Legislative Observatory, the Council
// register, the Parliament's document pages) from the documented URL
// patterns of docs/data-model.md, without any network call.
//
// # Free text
//
// Extract finds the same references in prose, case-sensitively, with byte
// offsets, and ExtractLines adds the line number for provenance. Its rules:
//
//   - A reference inside a longer token does not count: XCOM(2010) 673,
//     RC-B7-0123/2012, the 16797/10 in 216797/101, 16797/10.5.
//   - Where candidates overlap, the longest wins ("Council Framework
//     Decision 2002/475/JHA" over "Decision 2002/475/JHA").
//   - A bare number/year such as 16797/10 is only a Council document with
//     a cue: "doc.", "Doc.", "docs", "document(s)" (so "Council document")
//     before it, "ST" before it, or REV, ADD or COR after it. After a cued
//     document, the bare numbers listed after it with ",", ";", "&", "and"
//     or "or" count too ("docs 7120/10, 16797/10 and 11260/14"); lists
//     need three-digit numbers or more. The number/revision/year form
//     (14186/1/14) needs no cue once the number has three digits or more,
//     since 1/2/14 is a date. OEIL's spelling, the number padded to five
//     digits and a four-digit year (09312/2021, 09312/1/2021, 09124/2014/ADD
//     1), needs no cue either. A procedure needs its type code: 2010/2308
//     alone is not one.
//   - Official Journal citations (OJ L 101, 15.4.2011, p. 1) are not
//     references: they say where an act was published, and the act itself
//     is named next to them. Extract finds nothing in them.
//   - Implausible references (Check) are not matches: in prose they are
//     typos more often than documents.
//   - Each Match's Text parses back to its Ref; the match may span a line
//     break ("14186/1/14\nREV 1") and excludes the cue word.
package ref
