"""Dutch words that never name a concept, for `stats` ("genoemd maar zonder lemma").

The first set is Snowball's Dutch stop-word list (the one Whoosh and Lucene use); the second
adds function words and very general words of Dutch prose that Snowball's list leaves out
but that would otherwise top every frequency count of lemma texts.
"""

from __future__ import annotations

SNOWBALL = frozenset("""
aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of
om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren
was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
""".split())

GENERAL = frozenset("""
alle allemaal anders bijvoorbeeld binnen daarbij daardoor daarmee daarom daarin dezelfde
echter eerst eerste eigen elk elke elkaar enkele erg ervan erin erop gaan gaat goed grote
heel hele hen hierbij hiervan hoewel ieder iedere juist kunnen komen komt krijgen laat laten
maakt maken manier minder misschien mogelijk moeten mogen namelijk nieuwe ofwel onze sinds
soms staan staat steeds terwijl tussen tweede vaak vanuit verder vooral waar waarbij waardoor
waarin waarop wanneer weer welke wel zeer zeker zoals zodat zowel zullen
""".split())

STOPWORDS = SNOWBALL | GENERAL
