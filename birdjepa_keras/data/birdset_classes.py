"""BirdSet label lists: eBird codes in upstream index order (data, not code).

Source: the `id2label` maps in github.com/DBD-research-group/BirdSet,
`resources/ebird_codes/<SET>_ebird_codes.json` (commit 3420d61e, 2024-11-28), the
BirdSet authors' export of the label lists of the Hugging Face dataset
DBD-research-group/BirdSet. (Its `classes.py` itself was not readable offline;
the HSN order was cross-checked against an independent copy.) Counts: POW 48,
PER 132, NES 89, UHH 27, HSN 21, NBP 51, SSW 81, SNE 56, XCM 411, XCL 9736. Every
test set's codes are in XCM, XCM is the union of the eight test sets, and XCM
is inside XCL. Index i of a set is `CLASSES[set][i]`; map between sets by code
string, never by index.
"""


def _codes(text):
    return tuple(text.split())


POW = _codes("""
cangoo wiltur yebcuc amgplo reshaw rebwoo dowwoo haiwoo norfli pilwoo eawpew reevir1 buhvir
blujay amecro comrav cedwax tuftit bkcchi ruckin carwre buggna whbnut brncre woothr amerob
eastow balori rewbla bnhcow ovenbi1 louwat buwwar bawwar naswar kenwar comyel hoowar amered
babwar chswar btnwar scatan robgro norcar swathr herthr veery
""")

PER = _codes("""
gretin1 cintin1 littin1 undtin1 bartin2 horscr1 specha3 spigua1 stwqua1 compot1 strcuc1 squcuc1
scapig2 pavpig2 plupig2 rudpig blgdov1 ruqdov grfdov1 gycwor1 greibi1 amapyo1 fepowl tabsco1
blttro1 gnbtro1 viotro3 blctro1 coltro1 garkin1 rinkin1 bucmot4 blfjac1 wespuf1 blfnun1 gilbar1
letbar1 whttou1 yetwoo2 litwoo2 whtwoo2 gogwoo1 scbwoo5 rinwoo1 renwoo1 blacar1 baffal1 coffal1
buffal1 cowpar1 blhpar1 meapar duhpar rebmac2 oliwoo1 plbwoo1 citwoo1 lobwoo1 amabaw1 strwoo2
elewoo1 butwoo1 stbwoo2 strxen1 crfgle1 chwfog1 btfgle1 spwant2 bltant2 pygant1 whfant2 lowant1
gryant1 pltant1 dutant2 barant1 plwant1 fasant1 greant1 bsbeye1 gryant2 pluant1 goeant1 rucant2
blfant1 rufant3 astgna1 wibpip1 yectyr1 forela1 whltyr1 rinant2 whbtot1 ruftof1 yemfly1 gycfly1
gocspa1 whcspa1 eulfly1 pirfly1 grcfly1 bobfly1 gramou1 whrsir1 ducfly ducatt1 brratt1 putfru1
scrpih1 blfcot1 batman1 royfly1 cinmou1 whwbec1 blcbec1 ducgre1 thlwre1 bubwre1 muswre2 blbthr1
whnrob1 hauthr1 puteup1 ruboro1 olioro1 sobcac1 yercac1 rcatan1 bubgro2 grasal3 butsal1 partan1
""")

NES = _codes("""
littin1 grhcha1 colcha1 compau compot1 buvhum1 stvhum2 rtlhum andeme1 squcuc1 rebpig1 whtdov
gycwor1 roahaw gryhaw2 trsowl rinkin1 bucmot2 higmot1 rehbar1 kebtou1 acowoo hofwoo1 linwoo1
yehcar1 laufal1 orcpar whcpar brwpar1 whfpar1 orfpar crfpar oliwoo1 sthwoo1 azaspi1 yebela1
goftyr1 cotfly1 wewpew rumfly1 socfly1 grekis bobfly1 trokin ducfly lotman1 mastit1 rotbec
yetvir blcjay1 grnjay brnjay melwar1 runwre1 whiwre1 rubwre1 rawwre1 plawre1 houwre andsol1
clcrob yeceup1 yeteup1 ccbfin rucspa1 wegspa1 pregrs2 ruboro1 monoro1 yebori1 melbla1 grtgra
tenwar yelwar rucwar1 rucwar sltred rcatan1 strsal1 butsal1 blhsal1 banana yefgra1 flrtan1
sibtan2 bugtan blctan1 scrtan1 obnthr1
""")

UHH = _codes("""
hawgoo calqua wiltur kalphe blkfra chukar ercfra barpet hawpet1 hawhaw elepai skylar jabwar
warwhe1 omao comwax palila iiwi apapan hawcre akepa1 hawama houfin yefcan norcar reblei melthr
""")

HSN = _codes("""
gcrfin whcspa amepip sposan rocwre brebla daejun foxspa clanut moublu casfin mallar3 herthr
amerob yerwar yelwar dusfly mouchi orcwar warvir norfli
""")

NBP = _codes("""
eurwry easwar1 darwar1 eurjay1 eurnut2 sonthr1 coatit2 shttre1 gretit1 eurlin1 martit2 comchi1
grswoo lottit1 combuz1 eurrob1 eurmag1 eurgre1 houspa winwre4 grywag firecr1 woolar1 blackc1
crelar1 cirbun1 trepip rocpet1 comnig1 eugori2 eurbul dunnoc1 skylar thelar1 comcha blutit
barswa sarwar1 eurbla carcro1 eurser1 eurgol eutdov eucdov zitcis1 cetwar1 cowpig1 eursta
spofly1 redcro cretit2
""")

SSW = _codes("""
cangoo snogoo tunswa wooduc mallar3 moudov killde amewoo solsan ribgul bcnher grbher3 coohaw
brdowl belkin1 rebwoo yebsap dowwoo haiwoo norfli pilwoo easpho eawpew aldfly easkin grcfly
reevir1 warvir yetvir buhvir blujay amecro comrav cedwax tuftit bkcchi treswa ruckin gockin
houwre whbnut rebnut brncre grycat eursta easblu woothr amerob purfin houfin redcro amegfi
pinsis daejun whtspa sonspa swaspa eastow boboli balori rewbla bnhcow rusbla comgra ovenbi1
norwat buwwar naswar comyel hoowar amered bkbwar yelwar chswar yerwar btnwar scatan robgro
norcar herthr veery
""")

SNE = _codes("""
cangoo mouqua annhum batpig1 moudov acowoo wilsap whhwoo norfli olsfly wewpew hamfly dusfly
pasfly warvir hutvir casvir stejay comrav chbchi mouchi ruckin gockin bewwre houwre rebnut
brncre towsol amerob purfin casfin redcro amegfi pinsis foxspa daejun whcspa vesspa linspa
gnttow spotow bnhcow orcwar naswar macwar yerwar btywar towwar herwar wlswar westan bkhgro
lazbun swathr herthr evegro
""")

XCM = _codes("""
gretit1 eurbla comcha comchi1 eurrob1 sonthr1 blackc1 blutit redcro winwre4 coatit2 houspa
grswoo comnig1 dunnoc1 skylar comrav eurgre1 eurgol trepip eurnut2 eurjay1 houwre eursta cetwar1
barswa eurlin1 lottit1 carcro1 martit2 eurbul sarwar1 eugori2 spofly1 sonspa shttre1 firecr1
eurmag1 eurser1 mallar3 woolar1 cretit2 eucdov zitcis1 spotow bcnher cirbun1 bewwre rewbla
rucspa1 norcar combuz1 grywag cowpig1 amerob melwar1 swathr comyel grekis daejun carwre warvir
eurwry roahaw cangoo banana gretin1 cintin1 littin1 undtin1 bartin2 horscr1 hawgoo snogoo tunswa
wooduc grhcha1 specha3 colcha1 spigua1 mouqua calqua stwqua1 wiltur kalphe blkfra chukar ercfra
compau compot1 annhum buvhum1 stvhum2 rtlhum andeme1 strcuc1 squcuc1 yebcuc scapig2 batpig1
pavpig2 rebpig1 plupig2 rudpig eutdov blgdov1 ruqdov whtdov grfdov1 moudov gycwor1 amgplo killde
amewoo sposan solsan ribgul barpet hawpet1 greibi1 grbher3 coohaw gryhaw2 reshaw hawhaw amapyo1
fepowl trsowl tabsco1 brdowl blttro1 gnbtro1 viotro3 blctro1 coltro1 garkin1 rinkin1 belkin1
bucmot2 bucmot4 higmot1 blfjac1 wespuf1 blfnun1 gilbar1 letbar1 rehbar1 kebtou1 whttou1 acowoo
yetwoo2 hofwoo1 rebwoo wilsap yebsap dowwoo litwoo2 haiwoo whhwoo whtwoo2 gogwoo1 norfli scbwoo5
rinwoo1 linwoo1 pilwoo renwoo1 blacar1 yehcar1 laufal1 baffal1 coffal1 buffal1 orcpar cowpar1
blhpar1 whcpar brwpar1 whfpar1 meapar orfpar duhpar rebmac2 crfpar oliwoo1 plbwoo1 citwoo1
lobwoo1 amabaw1 strwoo2 elewoo1 butwoo1 stbwoo2 sthwoo1 strxen1 crfgle1 chwfog1 btfgle1 azaspi1
spwant2 bltant2 pygant1 whfant2 lowant1 gryant1 pltant1 dutant2 barant1 plwant1 fasant1 greant1
bsbeye1 gryant2 pluant1 goeant1 rucant2 blfant1 rufant3 astgna1 wibpip1 yectyr1 forela1 yebela1
whltyr1 rinant2 goftyr1 whbtot1 ruftof1 cotfly1 yemfly1 gycfly1 gocspa1 whcspa1 eulfly1 easpho
olsfly wewpew eawpew aldfly hamfly dusfly pasfly pirfly1 rumfly1 socfly1 grcfly1 bobfly1 trokin
easkin gramou1 whrsir1 ducfly grcfly ducatt1 brratt1 putfru1 scrpih1 blfcot1 lotman1 batman1
royfly1 mastit1 cinmou1 whwbec1 blcbec1 rotbec ducgre1 reevir1 hutvir yetvir buhvir casvir
elepai blcjay1 grnjay brnjay blujay stejay clanut amegfi pinsis puteup1 yeceup1 yeteup1 blbthr1
whnrob1 hauthr1 clcrob bubwre1 muswre2 melbla1 rusbla brebla comgra grtgra ovenbi1 louwat norwat
buwwar bawwar tenwar orcwar naswar macwar kenwar hoowar amered babwar bkbwar yelwar chswar
yerwar btywar towwar herwar thelar1 crelar1 btnwar rucwar1 rucwar wlswar sltred scatan westan
rcatan1 robgro bkhgro bubgro2 lazbun bugtan blctan1 scrtan1 partan1 woothr obnthr1 herthr veery
evegro strsal1 sibtan2 buggna whbnut rebnut brncre grycat rocpet1 comwax easwar1 darwar1 tuftit
chbchi bkcchi mouchi amepip gcrfin palila iiwi apapan hawcre akepa1 hawama purfin casfin houfin
wegspa1 pregrs2 gnttow eastow boboli ruboro1 olioro1 monoro1 sobcac1 yercac1 yebori1 balori
bnhcow ruckin gockin runwre1 thlwre1 rocwre whiwre1 rubwre1 rawwre1 plawre1 moublu easblu towsol
omao andsol1 warwhe1 ccbfin foxspa whcspa whtspa vesspa linspa swaspa treswa jabwar grasal3
butsal1 blhsal1 yefgra1 flrtan1 amecro cedwax yefcan reblei melthr
""")

XCL = _codes("""
ostric2 grerhe1 lesrhe2 sobkiw1 nibkiw1 okbkiw1 liskiw1 grskiw1 soucas1 dwacas1 norcas1 emu1
grytin1 soltin1 blatin1 gretin1 whttin1 higtin1 tabtin1 hootin1 bertin1 cintin1 littin1 teptin1
brotin1 undtin1 pabtin1 bratin1 gyltin1 reltin1 yeltin1 blctin1 thitin1 slbtin1 chotin1 vartin1
rustin1 bartin2 smbtin1 bartin1 tattin1 rewtin1 huatin1 tactin1 orntin1 chitin1 brutin1 andtin1
cubtin1 whbnot1 lesnot1 darnot1 sponot1 dwatin1 elctin1 quctin1 puntin1 pattin1 horscr1 norscr1
souscr1 maggoo1 wfwduc1 bbwduc spwduc1 wiwduc1 fuwduc plwduc1 wawduc1 lewduc1 whbduc1 cabgoo1
brant rebgoo1 hawgoo cangoo bargoo cacgoo1 bahgoo empgoo rosgoo snogoo gragoo swagoo1 taibeg1
pifgoo tunbeg1 gwfgoo lwfgoo cosswa1 blkswa blnswa2 mutswa truswa tunswa whoswa freduc1 flystd1
flistd1 falstd1 whhstd1 torduc1 spwgoo1 comduc3 comduc2 buwgoo1 egygoo origoo1 andgoo1 uplgoo1
kelgoo1 ashgoo1 ruhgoo1 radshe1 comshe rudshe soashe1 ausshe1 parshe1 pieduc1 musduc whwduc1
harduc1 wooduc manduc manduc1 afrpyg1 copgoo1 grnpyg1 bratea1 rintea1 creduc1 speduc2 baitea
gargan hottea1 puntea1 siltea1 redsho1 cintea buwtea capsho1 norsho gadwal falduc eurwig chiwig1
amewig afbduc1 yebduc1 melduc1 pabduc1 hawduc phiduc1 isbduc1 spbduc mallar3 motduc ambduc
mexduc captea1 whcpin rebduc1 yebpin1 eatpin1 norpin gnwtea yebtea1 spetea3 suntea1 andtea1
gretea1 chetea1 bertea1 brotea1 caitea1 martea1 recpoc robpoc1 canvas redhea compoc ferduc
nezsca1 rinduc tufduc gresca lessca steeid speeid kineid comeid harduc sursco whwsco3 whwsco2
whwsco1 blksco1 blksco2 lotduc buffle comgol bargol smew hoomer bramer1 commer rebmer scsmer1
blhduc1 masduc rudduc andduc1 lakduc1 blbduc1 macduc1 whhduc1 musduc1 ausbrt1 watbrt1 rebbrt1
bkbbrt1 bncbrt1 micscr1 tabscr1 tanscr1 dusscr1 dusscr3 melscr1 vanscr1 negscr1 orfscr1 placha
grhcha1 chwcha1 ruvcha1 ruhcha1 rubcha1 wemcha1 chacha1 whbcha1 specha3 specha2 specha4 colcha1
varcha1 varcha3 bubcha1 batgua1 beagua1 baugua1 andgua1 margua1 rumgua1 refgua1 cregua1 caugua1
whwgua1 spigua1 dulgua1 dulgua3 whcgua1 chbgua1 whbgua1 butpig1 rtpgua1 bfpgua1 watgua1 blagua1
siwgua1 higgua1 horgua1 noccur1 crecur2 salcur1 rabcur2 helcur1 horcur2 grecur1 bubcur1 yekcur1
blacur1 watcur1 bafcur1 rebcur1 whbgui1 helgui plugui1 cregui3 vulgui1 stopar1 nahfra2 bcwpar1
ltwpar1 bewpar1 mouqua scaqua elequa calqua gamqua banqua1 norbob bltbob1 crebob2 crebob1
mawqua1 swwqua1 bewqua1 rfwqua1 bfwqua1 chwqua1 dbwqua1 rbwqua1 tawqua1 gowqua1 venwoq1 bbwqua1
sfwqua1 stwqua1 spwqua1 sinqua1 monqua ocequa1 tafqua1 ferpar2 crepar1 hilpar1 sicpar1 chbpar2
whnpar2 rutpar1 chhpar3 haipar1 taipar1 whcpar1 babpar1 ornpar1 rebpar5 gybpar3 chbpar1 snopar1
blophe1 westra1 sattra1 blytra1 temtra1 verpar1 szepar1 himmon1 chimon1 kokphe1 wiltur ocetur1
rufgro hazgro1 saggro gusgro dusgro soogro1 shtgro grpchi lepchi whtpta1 wilpta rocpta1 sprgro
wescap1 blbcap1 blagro1 caugro1 tibpar1 grypar daupar1 reephe1 mikphe1 humphe1 golphe laaphe1
rinphe1 rinphe2 chephe1 whieap2 whieap1 brephe1 blephe1 swiphe1 bulphe1 kalphe silphe compea
grepea1 scbpar1 crhpar1 redspu1 paispu1 ceyspu1 palpep1 bopphe1 mapphe1 gepphe1 grypep3 grypep2
mopphe1 btpphe1 mobpar1 chbpar3 taibap1 grejun1 redjun grejun2 ceyjun1 forfra2 crefra2 gryfra
swafra1 chifra1 blkfra paifra1 coqfra2 whtfra2 rewfra2 finfra2 moofra2 gywfra1 orrfra2 shefra1
tibsno1 altsno1 causno1 cassno1 himsno sespar1 sanpar1 broqua1 snmqua2 blbqua1 comqua1 japqua
harqua1 raiqua1 stuqua1 barpar2 arapar1 relpar1 chukar rocpar2 phipar1 przpar1 jubqua1 robqua1
pabqua1 harfra3 camfra2 hanfra2 chnfra2 chnfra3 ercfra djifra1 swifra2 ahafra2 gysfra1 jacfra2
rebfra1 capfra2 natfra2 hilfra2 dosfra2 scafra2 heufra1 clafra1 harfra4 swafra2 yenspu1 gybfra1
renfra1 sponig1 whtnig3 dianig1 papnig1 malnig1 grenig1 nacnig1 leanig1 sacnig1 lesnig comnig
antnig shtnig1 rubnig1 batnig1 bahnig1 blanig1 pygnig1 compau scrnig1 samnig1 litnig1 siwnig1
whwnig1 bawnig1 bawnig3 swtnig1 lytnig1 whtnig1 sptnig1 latnig1 sctnig2 lotnig2 leapau1 chopoo1
earpoo1 yucpoo1 ocepoo1 compoo chwwid rufnig1 granig3 tacnig1 yucnig1 sitnig1 bucnig easwpw1
souwpw1 purnig1 dusnig1 bronig1 rennig1 grynig2 grynig1 palnig1 eurnig1 somnig1 rucnig1 egynig1
syknig1 nubnig1 golnig1 jernig1 latnig2 meenig1 andnig1 phinig1 sulnig1 dosnig1 bksnig1 finnig1
monnig1 indnig1 madnig1 swanig1 planig1 stsnig1 savnig1 frenig1 bonnig1 salnig1 batnig2 lotnig1
sltnig1 sqtnig1 stwnig1 pewnig1 oilbir1 grepot1 lotpot1 norpot1 compot1 andpot1 whwpot1 rufpot1
marfro1 papfro1 tawfro1 soifro1 larfro1 dulfro1 phifro1 goufro1 ceyfro1 hodfro1 shtfro3 shtfro2
javfro3 javfro2 palfro1 sunfro1 feonig1 spaown1 molown1 waonig1 moonig1 barown1 auonig1 cretre1
gyrtre1 whitre1 moutre1 spfswi1 whcswi1 whfswi1 sooswi1 rotswi1 blkswi whcswi2 grdswi1 tepswi1
chcswi1 whcswi bisswi1 whnswi1 pltswi1 tenswi1 draswi1 gloswi1 satswi1 cavswi3 cavswi2 pygswi2
seyswi1 masswi1 indswi1 phiswi1 molswi3 mouswi2 whrswi2 ausswi1 himswi2 monswi2 uniswi1 palswi2
palswi1 caiswi1 atiswi1 marswi2 ednswi1 gerswi1 scaswi1 papnee1 whrnee1 motspi1 sirnee1 sabspi1
whtnee sibnee1 grrswi1 barswi leaswi1 corswi parswi1 chiswi vauswi chaswi2 sicswi1 shtswi1
whtswi whtswi1 andswi1 anpswi ftpswi1 gstswi1 lstswi1 afpswi1 malpas1 aspswi1 alpswi1 motswi2
aleswi1 comswi plaswi1 nyaswi1 palswi3 afrswi1 madswi1 fowswi1 braswi1 fotswi saaswi1 blyswi1
cooswi1 darswi1 litswi1 houswi1 horswi1 whrswi1 critop1 fietop1 whnjac1 blkjac1 whtsic1 butsic1
sabher1 hobher2 broher rubher batbar1 patbar1 brther2 duther1 stther1 lither2 lither3 minher1
cither1 bkther1 stther2 gycher1 redher1 bubher1 socher1 plaher1 scther1 pabher1 whbher1 whwher1
greher1 tabher1 koeher1 nebher1 stbher1 mexher1 lobher lother1 grbher1 grflan1 blflan1 webhum3
webhum1 hyavis1 hoovis2 brvear1 grnvie1 lesvio1 spvear1 wvvear1 tobhum1 horsun2 pucfai1 bkefai1
whtgol1 tepgol1 grtgol1 fitawl1 ruthum1 jamman1 bltman1 grtman1 gnbman verman1 antman2 greman1
grtcar1 putcar1 ortsun1 amtsun3 amtsun2 amtsun4 gorsun1 tousun1 litsun1 putsun1 roysun1 grbfir1
juffir1 gretho1 wictho2 bkbtho1 ratcoq2 tufcoq1 doecoq1 fricoq1 ruccoq1 fescoq3 blccoq1 whccoq1
ecupie1 spehum1 lotsyl1 vitsyl1 vensyl1 retcom1 brtcom1 gybcom1 andhil3 whshil1 ecuhil1 buthil1
andhil2 blbhil1 wethil1 mouavo1 blttra1 grttra1 blbtho1 pubtho1 brttho1 rabtho1 ructho1 blmtho1
bufhel1 bubhel1 gnbhel1 tyrmet1 permet1 virmet1 vitmet1 nebmet1 fitmet1 scamet1 blamet1 grepuf1
butpuf1 hoapuf1 blbpuf3 glopuf2 bltpuf1 cobpuf1 savpuf1 gobpuf1 blcpuf1 embpuf1 marspa1 shisun1
pubsun1 blhsun1 broinc1 broinc2 blainc1 colinc1 vitsta1 raista1 whtsta1 dussta1 buwsta1 gobsta1
mouvel1 swbhum1 gresap1 butcor1 chbcor1 vepcor1 boorat1 boorat2 rubrat1 whthil2 whthil3 pubwhi1
ruvwhi1 vebbri1 pitbri1 ruwbri1 bltbri1 goujew1 fabbri1 grcbri1 empbri1 vifbri1 brarub1 giahum1
maghum1 maghum2 fithum1 lobsta1 plcsta stbsta1 bltsta2 wbmgem1 buthum amthum1 gtmgem1 gbmgem1
ptmgem whtmog2 gathum1 amewoo1 pucwoo1 oashum1 shtwoo1 pershe2 matwoo1 putwoo1 chiwoo1 sltwoo1
whbwoo6 litwoo5 gorwoo2 samwoo2 spthum1 sleshe1 mexshe1 luchum beahum1 bkchum rthhum verhum1
beehum1 annhum coshum calhum rufhum allhum brthum bumhum withum1 scihum1 dushum1 cubeme1 pureme1
blhhum1 brbhum brbhum2 goceme1 caneme1 weseme1 rebeme1 blteme1 chieme1 glbeme1 shteme1 whehum
xanhum wetsab1 lotsab1 rufsab1 emchum1 vihhum1 anchum1 samblo1 tolblo1 plover3 plover4 gybsab1
gybsab4 gybsab5 rubsab1 whtsab1 lazsab1 viosab1 bubsab1 napsab1 brtplu1 whvplu1 crowoo1 fotwoo1
lotwoo2 vicwoo2 snowca1 whteme1 mexwoo1 stthum1 blbhum1 scbhum1 bufhum1 tumhum1 spthum2 mashum1
swthum1 somhum1 olshum1 stream2 stream3 vichum grfhum1 azchum1 buvhum1 berhum blthum1 snbhum1
stvhum2 inchum1 chbhum1 grbhum1 corhum1 cinhum1 bubhum rtlhum honeme1 manhum1 amahum1 andeme1
shghum1 gotsap1 vereme1 sathum1 sabhum1 humsap2 blhsap1 whceme1 plbeme1 whthum2 glteme1 saseme1
rutsap1 gilhum1 whbhum1 gawhum1 blchum1 chahum1 puchum1 whbeme1 bltgol1 whcsap1 vibhum1 bucsap1
grbtur1 bfgbir1 grygab1 wbgbir1 wesple1 easple1 puctur2 ruwtur2 prrtur1 whctur1 viotur1 rostur1
yebtur1 whctur2 rectur1 guitur1 livtur1 schtur1 knytur1 blbtur1 fistur1 hartur1 grebus1 arabus1
korbus1 houbus1 ludbus1 whbbus2 blubus1 karbus1 ruebus1 savbus1 bucbus1 recbus1 blabus3 whqbus1
bkbbus1 lesflo2 litbus1 guicuc1 greani1 smbani grbani strcuc1 phecuc1 pavcuc1 legcuc1 greroa
lesroa1 rvgcuc1 scgcuc1 bagcuc1 rwgcuc1 rbgcuc1 buhcou1 piecou1 grbcou1 biacou1 rufcou1 grbcou2
blfcou1 blhcou1 shtcou1 baycou1 gabcou1 bltcou1 sencou1 blhcou2 cotcou1 whbcou1 whbcou3 grecou1
madcou1 golcou1 blacou1 phicou1 lescou1 viocou1 lebcou1 phecou2 andcou1 bogcuc1 sugcuc1 cbgcuc1
crecou1 blucou1 reccou1 refcou1 coqcou1 runcou1 giacou1 rebcou1 rafmal1 yellow5 yellow6 sirmal1
rebmal2 yebmal1 chbmal2 chbmal1 blfmal1 blbmal1 grbmal1 recmal1 scfmal1 chwcuc1 grscuc1 levcuc1
piecuc1 litcuc2 dwacuc1 asccuc1 squcuc1 blbcuc1 dabcuc1 yebcuc pebcuc1 mancuc bkbcuc gyccuc
chbcuc4 babcuc4 grelic1 purlic1 hislic1 thbcuc1 dwakoe1 asikoe2 bkbkoe1 asikoe3 lotkoe1 chbcuc2
asecuc1 viocuc1 didcuc1 klacuc1 yetcuc1 afecuc1 lobcuc1 hobcuc1 blecuc1 rtbcuc1 shbcuc1 webcuc1
libcuc1 palcuc1 whckoe1 chbcuc3 fatcuc1 babcuc2 placuc1 placuc3 brucuc1 brucuc2 molcuc1 dltcuc1
oltcuc1 bltcuc1 phidrc1 asidrc3 asidrc2 asidrc4 mohcuc1 larhac2 larhac1 cohcuc1 nohcuc1 phhcuc1
malhac1 hodhac1 blacuc1 reccuc1 lescuc1 suhcuc1 indcuc1 madcuc1 afrcuc1 himcuc1 oricuc2 suncuc2
comcuc whbmes2 bromes1 tibsan1 palsan1 pitsan1 namsan1 chbsan sposan1 blbsan1 yetsan1 crosan1
blfsan1 madsan1 licsan1 paisan1 fobsan1 dobsan1 bursan1 rocpig hilpig1 snopig1 spepig1 whcpig1
stodov1 pabpig1 cowpig1 tropig1 bolpig1 laupig1 afepig1 rampig1 compig1 spwpig1 aswpig1 niwpig1
siwpig1 jawpig1 metpig1 whhpig1 yelpig1 delpig1 brnpig1 satpig1 lemdov2 whcpig2 scnpig1 scapig2
picpig2 baepig2 spwpig3 batpig1 pavpig2 rebpig1 perpig2 plapig plupig2 rudpig shbpig duspig2
matdov1 pinpig2 eutdov dutdov1 adtdov1 ortdov eucdov eurcod2 afcdov1 wwcdov1 afmdov1 reedov1
rindov vindov1 recdov1 spodov laudov1 bacdov1 sbcdov1 sulcud1 rucdov1 engcud1 barcud1 timcud1
tancud1 ducdov1 phcdov1 brcdov1 ancdov1 bbcdov1 macdov1 licdov1 grcdov2 picdov1 crcdov1 wfcdov1
slacud1 eswdov1 bbwdov1 bswdov1 tamdov1 bhwdov1 namdov1 emedov2 emedov3 stedov1 negbro1 combro1
brubro1 crepig1 spipig2 squpig1 parpig1 tbgpig2 wonpig1 diadov1 zebdov peadov1 bardov2 basdov1
incdov scadov1 cogdov pbgdov1 ecgdov1 rugdov pigdov1 crgdov1 blgdov1 mcgdov1 begdov1 bwgdov1
gsgdov1 ltgdov1 bhqdov1 sapqud1 sapqud2 ruqdov viqdov1 wfqdov kwqdov brqdov1 obqdov1 whtdov
latdov1 grfdov1 gyhdov1 paldov1 gredov1 cardov1 grcdov1 ocbdov1 toldov1 tuqdov1 bfqdov1 pbqdov1
wfqdov1 wtqdov1 liqdov1 chqdov1 rcqdov1 moudov eardov1 zendov whwdov wepdov1 nicpig1 sugdov1
mantho1 minblh1 nebhea1 wbgdov1 wtgdov1 frgdov1 scgdov1 phepig1 vicpig1 whedov1 amedov1 daedov2
cihpig1 ligpig1 pinpig3 orbpig1 pomgrp2 pomgrp5 pomgrp4 pomgrp1 thbpig1 gycpig1 sugpig2 flgpig1
timgrp1 lagpig1 yefpig1 brgpig1 madgrp1 madgrp2 afrgrp1 gnspig1 yevpig1 wetpig1 whbpig1 whigrp1
whgpig1 bbfdov1 shbtre1 rnfdov1 phfdov1 fbfdov1 ybfdov2 refdov1 jafdov1 macfrd3 bcfdov1 sbfdov1
wofdov1 psfdov1 tafdov1 offdov1 wafdov1 sufdov1 mcfdov1 pucfrd1 kosfrd1 pafdov1 cifdov1 mafdov2
rcfdov1 gygfrd1 mafdov1 atfdov1 rbfdov1 wcfdov1 cofdov1 befdov1 bcfdov2 whbfrd1 yebfrd1 yebfrd2
cbfdov1 whfdov2 obfdov1 gyhfrd1 cafdov1 bknfrd1 dwafrd1 oradov1 goldov1 veldov1 mabpig1 cobpig1
sebpig1 pbipig1 wbipig1 gripig1 grnimp2 wheimp2 wheimp1 elipig1 paipig1 miipig1 marimp1 rkipig1
spipig1 spiimp2 ptipig1 cbipig2 fiipig1 isipig1 phipig1 ciipig1 gryimp1 peipig1 cbipig1 baipig1
ncipig1 piipig2 zoeimp1 mouimp1 moipig1 dbipig1 tiipig1 piipig1 whiimp1 torimp1 torimp2 nezpig2
nezpig3 sompig2 afrfin1 masfin3 sungre1 madwor1 tsiwor1 whsflu1 busflu1 recflu1 chhflu1 stbflu1
strflu1 madflu1 slbflu1 wsfrai1 chfrai1 forrai1 astcra1 pabcra colcra2 sporai blarai1 plurai1
unicra1 rnwrai1 liwrai1 runwor1 gycwor1 brwrai1 giwrai1 rwwrai1 sbwrai1 ridrai1 clarai11 kinrai2
manrai1 kinrai4 virrai bograi1 virrai1 ausrai1 watrai1 bncrai1 afrrai1 madrai1 afrcra1 whtrai1
corcra slbrai1 lewrai1 invrai1 weka1 cherai1 okirai1 barrai1 bubrai1 lohrai1 spfgal1 sora
spocra1 auscra1 tanhen1 lesmoo1 dusmoo1 comgal1 commoo3 trimoo3 refcoo1 giacoo1 regcoo1 eurcoo
rekcoo1 hawcoo y00475 slccoo1 whwcoo1 allgal1 purgal2 fusfly1 azugal1 purswa1 purswa2 purswa3
purswa6 takahe3 ocecra1 ruccra1 chhcra1 swirai1 yelrai yebcra1 blkrai mappyt1 galrai1 dowcra1
rudcra1 ruscra1 rufcra2 rufcra1 rawcra1 grbcra1 whtcra1 blbcra1 blacra1 sakrai1 rubcra1 babcra1
bltcra1 brocra1 baicra1 litcra1 spocra2 sllcra1 andcra1 relcra1 rencra1 nkurai1 whbcra1 strcra1
waterc1 whbwat1 plabuh1 isabuh1 rutbuh1 gywtru1 pawtru2 dawtru1 grccra1 blccra1 sibcra1 sancra
whncra1 sarcra1 brolga1 watcra2 blucra2 demcra1 reccra1 whocra comcra hoocra1 blncra1 limpki
litgre1 litgre4 ausgre1 madgre1 leagre pibgre whtgre3 titgre1 gregre1 rengre grcgre1 horgre
eargre silgre1 jungre1 hoogre1 wesgre clagre grefla3 grefla2 chifla1 lesfla1 andfla2 jamfla1
smabut2 rebbut2 hotbut1 hotbut3 yelbut1 barbut1 chbbut2 paibut eutkne1 indthk1 setkne1 watkne1
sptkne1 dstkne petkne1 butkne1 grtkne1 beathk1 blfshe1 magplo1 magoys1 blaoys1 blkoys ameoys
afroys1 euroys1 soioys1 pieoys1 varoys1 chaoys1 soooys1 ibisbi1 bkwsti piesti1 bknsti bknsti2
blasti1 pieavo1 ameavo renavo1 andavo1 norlap lotlap1 blaplo1 spwlap1 rivlap1 blhlap1 yewlap2
whhlap1 senlap1 blwlap1 crolap1 watlap1 spblap1 brclap1 gyhlap1 rewlap1 banlap1 maslap1 soclap1
whtlap1 soulap1 andlap1 rekdot1 inldot2 wrybil1 eugplo pagplo amgplo bkbplo rebdot1 corplo
semplo lobplo1 lirplo wilplo killde pipplo madplo1 kitplo1 sthplo1 thbplo1 forplo1 whfplo1
kenplo1 whfplo2 snoplo5 javplo1 recplo1 chbplo1 colplo1 punplo1 twbplo1 dobplo1 lesplo grsplo
casplo1 oriplo1 eurdot rucdot1 mouplo shoplo1 blfdot1 tatdot1 diaplo1 pielap1 egyplo1 grpsni1
soapas1 lesjac1 afrjac1 madjac1 cocjac1 phtjac1 brwjac1 norjac watjac1 rubsee2 whbsee2 gybsee1
leasee1 uplsan brtcur whimbr whimbr3 litcur lobcur faecur slbcur eurcur batgod bktgod hudgod
margod rudtur blktur tuasan1 grekno redkno surfbi ruff brbsan shtsan stisan cursan temsti lotsti
spbsan1 rensti sander dunlin rocsan pursan baisan litsti leasan whrsan bubsan pecsan semsan
wessan asidow1 lobdow shbdow eurwoo amawoo1 duswoo4 duswoo3 bukwoo1 molwoo1 amewoo chisni1
snisni1 jacsni solsni1 latsni1 woosni1 pitsni swisni1 afrsni1 madsni1 gresni1 comsni wilsni1
soasni2 soasni3 punsni1 nobsni1 giasni1 fuesni1 andsni1 impsni1 tersan wilpha renpha redpha1
comsan sposan grnsan solsan wantat1 gyttat1 lesyel willet1 comred1 marsan woosan spored comgre
norgre1 greyel craplo1 crccou1 somcou1 burcou2 temcou1 dobcou2 thbcou1 brwcou1 jercou1 auspra1
colpra oripra blwpra1 madpra1 rocpra1 smapra1 brnnod lesnod1 blknod bugnod whiter blkski afrski1
indski1 swtgul1 bklkit relkit ivogul sabgul slbgul1 bongul silgul2 blbgul1 andgul1 bnhgul1
brhgul2 bkhgul grhgul hargul1 saugul2 litgul rosgul dolgul2 lavgul1 laugul fragul grygul audgul1
medgul1 gbhgul2 whegul2 soogul2 pacgul1 belgul olrgul1 bktgul heegul mewgul mewgul2 ribgul
calgul gbbgul kelgul glwgul wesgul yefgul glagul y00478 hergul amhgul1 veggul1 casgul2 yelgul1
armgul1 slbgul lbbgul gubter1 caster1 royter1 grcter1 lecter2 royter2 chcter2 santer1 santer2
eleter1 litter1 sauter2 leater1 yebter2 faiter2 damter2 aleter1 gybter1 briter1 sooter1 rivter1
roster whfter1 blnter1 soater1 comter whcter1 arcter antter1 kerter1 forter truter blbter1
blfter1 whiter2 whwter blkter labter1 incter1 chisku1 brnsku3 gresku1 pomjae parjae lotjae
doveki thbmur commur razorb blkgui piggui marmur xanmur2 cramur ancmur japmur1 casauk leaauk
whiauk atlpuf horpuf kagu1 sunbit1 rebtro rettro whttro retloo arcloo pacloo comloo yebloo
kinpen1 genpen1 litpen1 galpen1 humpen1 magpen1 jacpen1 roypen1 rocpen4 rocpen1 fiopen1 snapen1
wispet wvspet1 wfspet bbspet1 layalb bkfalb wavalb wanalb wanalb2 wanalb3 royalb1 royalb3
limalb1 bkbalb whcalb1 salalb1 bulalb2 bripet ftspet rispet1 swspet lcspet barpet monstp1
cavstp1 maspet trspet norgip1 norful cappet blupet1 brbpri1 dovpri1 slbpri1 faipri1 fulpri1
kerpet2 whhpet1 grwpet2 atlpet1 solpet1 magpet1 soppet1 madpet feapet1 feapet2 berpet jufpet
kerpet herpet2 tripet1 phopet1 barpet1 hawpet1 galpet motpet bkwpet chapet1 coopet grapet
whcpet1 parpet1 wespet1 strshe corshe cavshe1 wetshe sooshe shtshe pifshe flfshe greshe chrshe
manshe levshe1 balshe1 bkvshe towshe1 flushe1 hutshe1 audshe pershe1 troshe5 audshe3 litshe8
litshe1 litshe2 sgdpet1 codpet1 bulpet woosto milsto1 yebsto1 paisto1 asiope1 blasto1 whisto1
oristo1 jabiru lesadj1 marsto1 magfri grefri norgan capgan1 ausgan1 abbboo2 bfoboo perboo1
masboo nazboo1 refboo brnboo darter2 darter3 darter4 anhing pygcor2 lotcor1 litcor1 lipcor1
relcor1 bracor refcor pelcor soccor1 piisha1 sposha1 blfcor1 piecor1 libcor1 indcor1 grecor4
grecor eursha1 flicor1 neocor doccor magcor1 rofsha1 chisha1 impcor1 kersha1 sacibi2 blhibi1
ausibi1 stnibi1 renibi1 whsibi1 giaibi1 waldra1 balibi1 creibi1 oliibi2 spbibi1 hadibi1 watibi1
pluibi1 bunibi1 bkfibi1 bkfibi2 shtibi1 greibi1 bafibi1 whiibi scaibi gloibi whfibi punibi1
madibi1 eurspo1 blfspo1 afrspo1 royspo1 rosspo1 whcbit1 ruther1 father1 btther1 agaher1 bobher1
zigher1 grebit1 ausbit1 amebit pinbit1 stbbit1 leabit litbit1 bkbbit1 yelbit schbit1 cinbit1
dwabit1 blabit1 janher1 manher1 wbnher1 bcnher runher1 ycnher grnher strher squher1 inpher1
chpher1 rubher2 categr categr2 graher1 grbher3 cocher1 pacher1 blhher1 grbher2 golher1 purher1
greegr capher1 whiher1 pieher2 whfher1 redegr blaher1 triher libher snoegr litegr werher litegr2
pacreh1 hamerk1 grwpel1 spbpel1 dalpel1 auspel1 amwpel brnpel perpel1 hoatzi1 kinvul1 andcon1
blkvul turvul lyhvul1 gyhvul1 secret2 osprey osprey4 bkskit1 auskit1 whtkit peakit1 sctkit1
afhhaw1 mahhaw1 panvul1 lammer1 egyvul1 maseag1 grhkit1 whckit1 hobkit euhbuz1 orihob2 barhob1
barhob2 swtkit sqtkit1 bkbkit1 afrcuh1 jerbaz1 pacbaz1 blabaz1 whbvul1 whrvul1 indvul1 himgri1
eurgri1 capgri1 cinvul1 crseag1 moseag1 suseag1 phseag1 anseag1 grpeag1 shteag1 brseag1 faseag1
coseag1 bathaw1 negeag1 creeag1 hareag1 y00839 flohae1 mouhae1 mouhae2 blyhae1 javhae1 sulhae1
pinhae1 walhae1 blheag1 bawhae1 orheag1 baceag2 crheag1 rubeag2 mareag1 loceag1 blaeag1 leseag1
inseag1 grseag1 waheag3 booeag1 liteag1 ayheag1 taweag1 steeag1 spaeag1 impeag1 goleag weteag1
vereag1 cashae1 boneag2 afrhae1 dotkit1 rutkit1 lizbuz1 gabgos2 dacgos1 eacgos1 pacgos1 lothaw1
redgos1 dorgos1 tinhaw1 semhaw2 cregos1 gybhaw1 recgos3 afrgos1 shikra1 levspa1 grfhaw1 fragos2
sptgos1 grygos1 vargos1 brogos1 blmgos1 piegos1 necgos1 fijgos1 molgos1 retspa1 litspa1 japspa1
besra1 smaspa1 colspa1 vibspa1 madspa1 ovaspa2 eurspa1 shshaw shshaw3 shshaw4 shshaw5 coohaw
gunhaw1 bichaw1 bichaw4 blagos1 hengos1 norgos wemhar1 easmah1 easmah2 swahar1 afmhar1 reuhar2
reuhar3 lowhar1 blahar1 norhar1 norhar2 cinhar1 palhar1 piehar1 monhar1 redkit1 blakit1 blkkit3
whikit1 brakit1 wbseag1 solsee1 affeag1 pafeag1 whteag baleag stseag lefeag1 gyhfie1 grabuz1
whebuz1 ruwbuz1 gyfbuz1 miskit plukit1 blchaw1 snakit slbkit1 crahaw pluhaw slchaw2 comblh1
cubblh1 ruchaw1 savhaw1 whnhaw2 grbhaw1 soleag1 croeag1 barhaw1 roahaw hrshaw whrhaw1 whthaw
rebhaw2 bcbeag1 manhaw2 whihaw1 gybhaw2 semhaw blfhaw1 whbhaw2 gryhaw2 gryhaw3 reshaw ridhaw1
brwhaw whthaw1 shthaw hawhaw swahaw galhaw1 zothaw rethaw ruthaw1 ferhaw rolhaw uplbuz1 combuz6
combuz9 lolbuz1 combuz4 combuz1 moubuz3 moubuz2 renbuz1 madbuz1 augbuz2 jacbuz1 sooowl1 lesowl1
minowl1 talowl1 lemowl1 aumowl1 sulowl1 marowl1 brnowl barowl28 barowl7 afgowl1 ausgro1 orbowl1
srlbao1 paphao1 rufowl2 powowl1 barowl1 sumboo1 souboo8 souboo4 souboo5 souboo6 morepo2 norboo1
brnhao1 brnhao3 choboo1 andhao1 phihao1 minboo1 sulboo1 cebboo1 romboo1 minboo2 lishao1 toghao1
ocbhao1 cinhao1 molhao3 hanboo2 molhao2 chihao1 junhao1 spehao1 nebhao1 balowl colowl1 colowl3
elfowl lowowl1 borowl nswowl uswowl1 bufowl1 burowl spoowl1 litowl1 whbowl1 forowl1 solboo1
solboo4 nohowl eupowl1 pesowl1 recowl1 asbowl1 javowl1 junowl1 chbowl1 afbowl1 albowl1 norpyo1
nopowl norpyo3 norpyo4 crpowl clopyo1 anpowl1 yupowl1 copowl1 tapowl1 capowl1 supowl1 amapyo1
leapyo1 fepowl pepowl1 aupowl1 cupowl1 mineao1 wfsowl2 resowl1 sasowl1 ansowl1 flsowl1 mosowl2
jasowl2 misowl1 lusowl1 misowl2 torsco1 madsco1 maysco1 cosowl3 ansowl2 mohsco1 pesowl2 eursco1
eursco3 pasowl3 arasco1 afsowl1 afrsco3 afrsco2 orsowl ryusco1 mosowl1 biasco1 susowl1 sulsco5
sansco1 masowl2 sesowl1 nicsco1 sisowl1 ensowl1 mesowl1 rasowl1 insowl1 cosowl1 jasowl1 susowl2
phsowl1 negsco1 evesco1 pasowl2 wasowl1 rinsco1 palowl2 nwfowl1 swfowl1 jamowl1 strowl1 loeowl
mleowl1 styowl1 sheowl marowl2 feaowl1 snoowl1 grhowl grhowl2 eueowl1 roeowl1 pheowl1 caeowl1
speowl2 graeao1 spoeao2 fraeao1 useowl1 veeowl1 sheowl1 baeowl1 sbeowl1 dueowl1 akeowl1 pheowl2
blfowl1 pefowl1 rufowl1 vefowl1 brfowl1 tafowl1 bufowl2 flaowl prsowl whsowl1 bssowl whtsco1
trsowl besowl pasowl4 wesowl1 easowl1 basowl vesowl versco5 koesco1 rufsco1 cinsco1 clfsco1
mofsco1 versco2 foosco1 lotsco1 samsco1 persco1 tabsco1 bkcsco1 speowl1 tabowl1 babowl1 creowl1
spwowl1 mowowl1 brwowl1 tawowl1 tawowl3 himowl1 humowl1 omaowl1 brdowl barowl13 fulowl1 rubowl2
chaowl1 rulowl1 uraowl1 pedowl1 grgowl afwowl1 motowl bawowl1 bkbowl1 rubowl3 spemou2 rebmou1
whbmou1 blnmou1 refmou1 cuckoo1 earque pavque1 gohque1 whtque1 resque1 creque1 cubtro1 histro1
lattro1 slttro1 buttro1 bkttro2 blttro1 blhtro1 cittro1 whttro1 baitro1 gnbtro1 gartro1 viotro3
viotro2 blctro1 surtro1 blttro2 eletro moutro1 coltro1 mastro1 nartro1 bactro1 battro1 javtro1
sumtro1 maltro1 rentro1 diatro1 phitro1 whitro1 cirtro1 scrtro1 orbtro2 rehtro1 wartro1 hoopoe
eurhoo2 madhoo1 forwoo1 whhwoo1 grewoo2 blbwoo2 viowoo1 viowoo3 blsbil1 cosbil1 absbil1 soghor1
trbhor1 wrbhor2 drbhor1 srbhor1 rebhor1 vddhor1 jachor1 sybhor1 eybhor1 brahor1 crohor1 afphor1
hemhor1 afghor1 rbdhor1 pabhor1 piphor1 truhor1 bnchor1 whthor1 bawhor2 sichor1 blchor1 yechor1
bldhor1 whchor3 whchor2 rhihor1 grehor1 rufhor1 palhor1 orphor1 maphor1 blahor1 maghor2 ceghor1
inghor2 ruchor1 brnhor1 buchor1 runhor1 blyhor1 wrehor1 sumhor1 plphor1 knohor1 wrihor2 sulhor1
wrihor1 luzhor1 minhor2 minhor1 samhor1 tarhor1 rucrol2 indrol2 indrol3 puwrol1 ratrol2 librol2
abyrol2 eurrol1 blbrol1 bltrol1 brbrol1 dollar1 purrol1 slgrol1 scagrr1 plgrol1 rhgrol1 ltgrol1
grbkin1 scakin1 spokin1 blckin2 ruckin1 hobkin1 bankin1 copkin1 bipkin1 nupkin1 lipkin1 bubpak1
bubpak2 rbpkin1 bhpkin1 lickin2 shbkoo1 laukoo1 blwkoo1 spakoo1 rubkoo1 whrkin1 stbkin1 bnwkin1
rudkin1 whtkin2 chbkin2 blckin1 gyhkin1 brhkin1 strkin1 blbkin4 wookin1 mankin2 blbkin3 rulkin1
bawkin1 forkin1 nebkin1 ultkin1 chbkin1 somkin1 colkin1 colkin9 colkin2 melkin1 packin1 talkin1
mickin5 beakin2 sackin1 cibkin1 chakin2 mankin1 tahkin1 rebkin2 yebkin1 moukin1 dwakin1 afpkin1
mapkin1 whbkin1 malkin1 malkin2 smbkin1 bubkin2 shbkin1 blekin1 comkin1 hackin1 bkbkin1 phikin1
sulkin1 varkin1 vardwk1 vardwk6 vardwk15 silkin1 azukin1 amakin1 ampkin1 grnkin garkin1 crekin1
giakin3 rinkin1 belkin1 piekin1 cubtod1 brbtod1 nabtod1 jamtod1 purtod1 todmot1 bltmot1 rucmot1
bucmot1 bucmot2 bucmot3 bucmot4 higmot1 rufmot1 rucmot2 kebmot1 brbmot1 tubmot1 rbbeat1 bbbeat1
pbbeat1 bhbeat1 bhbeat2 bumbee1 blbeat1 stbeat1 libeat1 bbbeat2 bubbee2 ccbeat1 rtbeat1 wfbeat1
wtbeat1 bobeat1 grnbee1 grnbee2 grnbee3 bcbeat1 mabeat1 btbeat1 rabeat1 btbeat2 chbeat1 eubeat1
robeat1 ncbeat1 scbeat1 whejac1 purjac2 dubjac1 pahjac1 brojac2 whtjac1 thtjac1 yebjac1 bucjac1
rutjac1 grtjac1 cocjac2 whcjac1 blfjac1 purjac1 brojac1 parjac1 grejac2 whnpuf2 guipuf1 bubpuf1
blbpuf1 brbpuf1 piepuf1 chcpuf1 spopuf1 socpuf1 colpuf1 barpuf1 whepuf1 strpuf1 wespuf1 spbpuf1
spbpuf3 rutpuf1 rutpuf3 crcpuf1 whcpuf1 sempuf1 blspuf1 runpuf1 whwpuf1 moupuf1 lanmon1 rubnun1
fucnun1 bronun1 gycnun1 rucnun1 whfnun2 blanun1 blfnun1 whfnun1 yebnun1 swwpuf1 sccbar1 scbbar2
spcbar1 orfbar1 whmbar1 blgbar1 brcbar1 blsbar1 gilbar1 ficbar1 letbar1 rehbar1 schbar1 verbar1
prbbar1 toubar1 emetou3 noremt1 emetou4 souemt1 emetou8 grbtou1 chttou3 chttou2 crrtou1 yebtou1
blbtou1 greara1 letara1 renara1 ivbara1 ivbara3 blnara1 cheara1 mabara1 colara1 colara4 colara5
fibara1 cucara1 saftou2 yeetou1 guitou1 goctou1 tattou1 goutou1 spbtou1 gybmot1 pbmtou1 homtou1
bbmtou1 rebtou2 chbtou1 chbtou3 chotou1 kebtou1 toctou1 whttou1 bkmtou1 fitbar1 grebar1 revbar1
brhbar1 linbar1 whcbar1 grebar3 brtbar1 gowbar2 recbar1 retbar1 blbbar2 yefbar1 gotbar2 gotbar3
blbbar5 indbar1 chibar1 taibar2 bltbar2 tutbar1 moubar1 moubar2 yecbar1 flfbar1 gonbar1 litbar1
blebar1 borbar1 crfbar3 crfbar1 copbar1 brnbar2 soobar2 gytbar1 brnbar1 nafbar1 whebar1 whybar1
ancbar1 grebar2 spetin1 gretin2 moutin1 westin1 rertin1 yettin1 yertin1 reftin1 yeftin1 yesbar1
habbar1 refbar2 miobar1 piebar1 spfbar1 bltbar1 banbar1 viebar1 whhbar1 chabar1 refbar1 blbbar3
blcbar1 brbbar1 blbbar1 dotbar1 beabar1 yebbar1 crebar1 raybar1 yebbar2 darbar1 darbar3 grbhon2
wahhon1 yefhon2 dwahon1 wilhon2 palhon1 leahon2 thbhon1 y00400 spohon2 scthon1 yerhon1 grehon2
eurwry runwry1 spepic1 babpic1 lafpic1 oripic1 gospic1 scapic1 ecupic1 whbpic2 arrpic1 spopic1
spcpic1 varpic1 whbpic1 ocepic2 occpic1 whwpic1 runpic1 rubpic1 ochpic1 motpic1 plbpic1 fibpic1
olipic1 grapic1 chepic1 afrpic1 rufpic1 whbpic3 antpic1 gabwoo3 heswoo1 whiwoo1 lewwoo guawoo1
purwoo1 rehwoo acowoo yetwoo2 yefwoo1 gonwoo1 beawoo2 blcwoo1 whfwoo1 hiswoo1 jamwoo1 gocwoo1
grbwoo1 yucwoo recwoo1 gilwoo hofwoo1 gofwoo gofwoo2 rebwoo weiwoo1 wilsap yebsap rensap rebsap
cugwoo1 buswoo1 brewoo1 growoo1 fiswoo1 benwoo1 nubwoo1 gotwoo1 knywoo1 grbwoo2 ligwoo1 sulwoo2
bncwoo3 gycwoo1 phiwoo1 bncwoo2 pygwoo1 ettwoo1 attwoo1 bkbwoo arawoo1 brfwoo1 miswoo1 yecwoo1
beawoo1 gocwoo3 fibwoo1 ligwoo3 spbwoo2 abywoo1 carwoo1 gabwoo1 melwoo1 ellwoo1 grywoo1 gyhwoo1
oliwoo2 brbwoo1 nutwoo labwoo dowwoo crbwoo3 leswoo1 litwoo2 dofwoo1 whswoo2 chewoo3 strwoo6
scbwoo3 yevwoo1 babwoo2 blcwoo3 rerwoo1 reswoo1 gocwoo2 yeewoo1 recwoo smbwoo1 ariwoo strwoo
haiwoo whhwoo rubwoo1 fubwoo2 frbwoo1 stbwoo4 darwoo1 himwoo1 sinwoo1 syrwoo1 whwwoo1 grswoo
okiwoo1 whbwoo1 ruwwoo1 stcwoo1 whtwoo2 litwoo1 yetwoo1 gogwoo1 whbwoo7 goowoo1 grcwoo1 goowoo3
crmwoo2 blnwoo1 spbwoo1 grbwoo3 norfli gilfli ferfli1 chifli1 andfli1 camfli1 cinwoo1 wavwoo1
scbwoo5 chcwoo1 chewoo2 pacwoo1 blcwoo4 blcwoo5 crcwoo2 ruhwoo1 caawoo1 rinwoo1 helwoo1 blbwoo3
linwoo1 pilwoo whbwoo2 andwoo1 blawoo1 powwoo1 crbwoo1 renwoo1 robwoo1 crcwoo1 pabwoo1 guawoo2
crbwoo2 magwoo1 ivbwoo banwoo2 chtwoo1 greyel1 lesyel1 crwwoo1 stbwoo3 lacwoo1 sttwoo1 scbwoo1
japwoo1 eugwoo2 grnwoo3 levwoo1 recwoo2 blhwoo1 gyfwoo1 gyhwoo4 himfla1 comfla1 sptfla1 bkrfla1
bkrfla2 busfla1 luzfla1 yeffla1 rehfla1 javfla1 grefla1 crbfla1 whnwoo1 pahwoo1 bamwoo1 olbwoo2
marwoo1 baywoo1 orbwoo1 rufwoo2 burwoo1 babwoo3 bunwoo1 ashwoo1 soowoo1 sousow1 grswoo1 relser1
bllser1 blacar1 retcar2 carcar1 moucar1 whtcar1 strcar1 y00678 yehcar1 chicar1 laufal1 baffal1
plffal1 liffal1 cryfof1 sbffal1 coffal1 buffal1 spwfal2 pygfal1 whrfal1 colfal1 bltfal1 whffal1
phifal1 piefal2 leskes1 eurkes eurkes1 madkes1 spokes1 auskes1 amekes foxkes1 grykes1 bankes1
renfal1 reffal1 amufal1 elefal1 soofal1 aplfal merlin batfal1 orbfal1 eurhob afrhob1 orihob1
aushob1 nezfal1 brofal1 gryfal1 lanfal1 lagfal1 sakfal1 gyrfal prafal perfal taifal1 kakapo2
kea1 nezkak1 cockat rtbcoc1 glbcoc1 ytbcoc1 whtblc1 slbblc1 palcoc1 gagcoc1 galah pincoc1
lobcor1 wescor1 litcor2 duccoc1 succoc blecoc1 grepar grypar1 refpar5 yefpar4 brnpar1 bnnpar2
meypar1 ruepar1 brhpar2 senpar rebpar1 litpar2 scspar1 bufpar1 sarpar2 brbpar1 gotpar2 spwpar2
gyhpar1 moupar2 barpar1 rufpar1 andpar1 teppar1 monpar monpar2 tuipar1 plapar1 whwpar yecpar
gycpar1 orcpar cowpar1 gowpar2 recpar3 blbpar4 brhpar1 sahpar1 rofpar2 orcpar2 caipar2 balpar1
vulpar1 rufpar2 inwpar1 refpar2 blwpar1 duspar1 rebpar2 schpar1 spfpar1 spfpar2 blhpar1 whcpar
brwpar1 shtpar2 yefpar5 fespar1 vinpar1 tucpar1 respar2 blbpar1 whfpar1 yebpar1 cubpar1 hispar1
licpar relpar relpar4 recpar yelpar1 blcpar2 rebpar7 renpar1 yehpar yenpar1 ywcpar bufpar
scnpar1 meapar1 meapar kawpar1 imppar1 retpar1 orwpar dubpar1 mexpar1 buwpar2 buwpar1 buwpar3
grrpar1 spepar1 pacpar2 yefpar2 blhpar4 whbpar1 refpar3 bltpar2 blwpar2 mabpar peapar1 crbpar1
gncpar pfrpar1 gybpar1 mafpar3 paipar1 paipar6 sanpar2 bonpar1 rofpar3 sampar1 fispar1 matpar2
elopar1 whnpar1 blcpar1 brbpar2 reepar1 rohpar1 suwpar1 auspar1 slbpar1 burpar hyamac1 indmac1
thbpar mafpar1 oltpar1 orfpar pefpar1 brtpar1 cacpar1 duhpar bkhpar subpar1 janpar1 gocpar2
rebmac2 buhmac1 yecmac buwmac1 baymac chfmac1 milmac scamac1 ragmac1 goppar1 yeepar1 golpar3
resmac2 bucpar grnpar grnpar2 grnpar3 pacpar1 scfpar1 scfpar3 mitpar rempar crfpar whepar2
cubpar2 hispar pespar1 vaspar1 blapar1 levpar1 seypar1 ycppar1 geppar1 bfppar1 fippar1 rbppar1
suppar1 regpar1 alepar1 pakpar1 aukpar1 rewpar1 mirtai1 luzrat1 bhrtai1 bcrtai1 eclpar recpar2
blcpar3 sinpar1 blrpar1 blnpar1 azrpar1 gyhpar2 slhpar1 blhpar3 plhpar1 rebpar4 lotpar2 malpar1
laypar1 alepar2 rorpar maupar1 brtpar2 patpar1 motpar1 rerpar1 bluebo1 bluebo4 mulpar1 hoopar1
gospar1 recpar1 greros2 criros2 norros1 pahros1 easros1 wesros1 polpar1 swipar1 crspar1 maspar2
respar1 horpar2 necpar1 chipar1 noipar1 yefpar3 malpar2 refpar4 gropar1 nigpar2 boupar2 blwpar3
elepar1 turpar1 sccpar1 plflor1 reflor2 reflor1 failor1 joslor1 paplor1 paplor3 duclor1 meelor1
pallor1 collor1 blclor2 ultlor1 kuhlor1 blulor1 yeblor2 orblor1 yeblor1 publor1 blclor1 varlor1
puclor1 litlor1 duslor1 carlor1 brolor1 blalor1 yeslor1 gollor1 muslor1 yaglor2 ornlor1 pohlor1
scblor1 railor7 olhlor1 railor3 budger lafpar1 edfpar1 safpar1 obfpar1 vehpar1 cehpar1 phihap1
bchpar1 suhpar1 mohpar1 sulhap1 sahpar2 paphap1 pyghap1 gyhlov1 rehlov1 blwlov1 peflov fislov1
yeclov lillov1 blclov1 riflem1 soiwre1 sapayo1 schasi1 velasi1 sunasi1 yebasi1 grabro1 lotbro1
dusbro1 visbro1 watbro1 sibbro1 barbro1 banbro1 baybro1 gyhbro1 rusbro1 afrbro1 grebro1 whibro1
earpit1 giapit1 runpit1 schpit1 blnpit1 blrpit1 banpit3 banpit4 blhpit1 blupit1 babpit1 rebpit1
sulpit3 siapit1 molpit1 sompit1 pappit1 loupit1 neipit1 blcpit1 garpit1 bkhpit1 blbpit1 afrpit1
grbpit1 indpit1 blwpit1 manpit1 hoopit2 faipit1 noipit1 ivbpit1 elepit2 elepit7 elepit6 blfpit1
azbpit1 suppit1 raipit1 tatlea1 soalea1 shblea1 sctlea1 bltlea1 grtlea1 rublea1 coamin1 slbmin1
commin1 punmin1 cammin2 thbmin1 rubmin1 gramin1 shbmin1 dawmin1 sptwoo1 oliwoo1 lotwoo1 tyrwoo1
whcwoo1 rudwoo1 tawwoo1 plbwoo1 plwwoo1 webwoo1 citwoo1 lobwoo1 nobwoo1 amabaw1 blbwoo1 hofwoo2
plawoo1 babwoo1 rebwoo1 uniwoo1 rebwoo4 stbwoo1 mouwoo1 whtwoo1 grrwoo1 strwoo2 leswoo2 leswoo4
chrwoo1 ocewoo1 ocewoo2 elewoo1 spiwoo1 butwoo1 cocwoo1 ivbwoo1 blswoo1 spowoo1 olbwoo1 stbwoo2
zimwoo2 rebscy1 blbscy1 cubscy1 brbscy1 grescy1 scbwoo4 whswoo1 sthwoo1 nabwoo1 spcwoo1 monwoo1
scawoo1 scawoo2 linwoo3 linwoo4 inawoo1 ducwoo1 slbxen1 plaxen1 strxen1 potpal1 rutxen1 whttre2
stbear2 rocear1 batear1 crachi1 buftuf1 buftuf3 strtuf1 ruwbar1 bolear1 chaear1 wibhor1 palhor2
palhor4 palhor5 pabhor2 leshor1 rufhor2 crehor1 shtstr1 wrlrus1 cubree1 strear1 sctear1 pafear1
bubear2 lotcin1 blacin1 buwcin1 corcin1 chwcin1 crwcin1 olrcin1 gyfcin1 stbcin1 roycin1 whbcin1
whwcin1 dabcin1 surcin1 seacin1 ducfog1 wcfgle1 grexen1 pabtre1 crytre1 swfgle rurfog1 alfgle1
bcfgle1 crfgle1 mofgle1 stfgle1 rutfog1 whbfog1 obfgle2 bbfgle1 rumfog1 wtfgle1 lifgle1 rnfgle1
gufgle1 perrec1 bolrec1 chwhoo1 bffgle chwfog1 cangro1 ccfgle1 hhfgle1 rufgle1 samfog1 unitre1
flatre1 rubtre1 stbtre1 blbtre1 strtre1 stctre1 ccfgle2 brfgle1 btfgle1 butfog4 strwoo1 strwoo5
obfgle3 parfog1 perfog1 wefgle1 spobar1 whtbar1 rudtre1 fudtre1 peatre1 thtray1 demwir1 tatspi1
bctspi1 tutspi1 pmtspi1 sttspi2 rctspi1 wbtspi1 sttspi1 antspi1 artspi1 ruftho1 ruftho3 stftho1
littho1 chbtho1 spbtho1 frbtho1 gretho2 oretho1 orbtho1 whbspi2 firgat1 lalbru1 crbcan1 crbcan4
crbcan5 bercan1 shbcan1 cipcan1 hudcan1 auscan1 lifcan1 mascan1 juncan1 sctcan1 stbcan1 puncan1
sttcan1 corcan1 itaspi1 shbcan2 bltthi1 punthi1 vilthi2 cancan1 rufcan1 maqcan1 eyrthi1 ocbthi1
perthi1 whcthi1 mocthi1 pilgra1 orfplu2 dobgra1 equgra1 rorbar1 strsof1 orisof1 deasof1 plasof1
rumsof1 stbree2 sutspi1 marspi2 licspi1 rubspi4 rubspi5 parspi1 crespi1 stcspi2 bolspi1 olispi1
palspi1 gyhspi1 crcspi1 refspi1 tepspi1 stcspi1 asbspi1 licspi5 spespi1 scaspi1 dutcan1 patcan2
stecan1 caccan1 bcwspi1 caacac1 rufcac2 brncac1 whtcac2 yecspi2 rawspi2 whbspi1 chospi2 occspi1
gybspi1 plcspi1 whlspi1 marspi3 grespi2 necspi3 necspi1 rubspi3 slaspi1 sitspi1 resspi2 rucspi1
bahspi1 pinspi1 dusspi1 mccspi1 cabspi1 cibspi1 spispi1 dabspi1 pabspi1 sofspi1 azaspi1 apuspi1
whwspi1 rubspi2 hotspi1 blhspi1 ruhspi1 rufspi1 bltspi1 stbspi1 rudspi1 chtspi1 rurant1 chsant1
aswant1 wibant1 spwant2 rusant1 rufant12 dowant1 blabus1 rebbus1 ronbus1 chtant1 brbant2 wheant1
rubsti1 madant1 fooant1 ornant1 rutant3 stbant2 yapant1 gybant1 bltant2 mouant pygant1 guista1
amasta1 pacant cheant1 klaant1 stcant4 yetant1 sclant1 whfant2 whfant6 slaant1 risant1 salant1
lowant1 batant3 iheant1 uniant1 alaant1 plwant2 gryant1 leaant1 stcant3 orbant1 bawant1 nabant1
blhant4 whfant1 whfant4 serant1 blbant2 rubant4 sinant1 parant1 banant2 sttant1 pltant1 rubant3
dutant2 satant1 cinant1 blsant1 peaant1 bahant1 caaant1 blcant2 ajpant1 mapant1 crbant1 astant1
sptant1 dugant1 todant1 spbant4 rorant1 pecant1 labant1 ancant1 yebant2 ruwant3 ruwant4 spbant5
plaant1 stcant1 spcant1 rubant2 bicant4 pluant3 whsant4 colant1 blbant1 batant2 barant1 chaant1
bacant2 linant1 chbant2 blhant2 blaant1 cocant1 blgant2 casant1 whsant2 uniant2 plwant1 mocant1
uplant1 wesant1 norsla1 natsla1 bolsla1 plasla1 soosla1 amaant2 acrant1 stbant1 varant1 ruwant2
rucant1 blcant4 sicant1 gloant1 whbant2 fasant1 bamant1 greant1 latant1 tufant1 bltant3 undant2
fulant1 spbant3 giaant2 spfant1 whpant1 whmant2 oceant1 bicant2 whcant1 rutant4 whtant1 lunant2
baeant1 harant1 whbant5 chcant1 hacant1 bsbeye1 rwbeye1 pafant1 scbant3 scbant8 ferant1 berant1
rutant1 ocrant1 dutant1 scaant2 strant2 samant2 klaant2 lotant1 sthant1 guiwaa1 imewaa1 perwaa1
yebwaa1 ronwaa1 spiwaa1 manwaa1 yebant3 chtant2 zimant1 wilant1 parant2 blaant4 blaant5 dusant1
blaant2 manant1 rdjant1 gryant2 magant1 banant1 jetant1 ribant1 febant1 whiant1 scaant3 whbant4
squant1 blcant3 batant1 spoant1 spbant6 dobant2 silant1 pluant1 slcant3 spwant3 humant1 brhant1
rufant4 rorant2 cauant2 chbant1 gyhant1 sttant3 esmant1 dumant3 dumant1 whbant1 bltant1 whlant1
blfant2 whbant6 asbant1 bacant1 wesfie1 whbfie9 eaafie1 fbfeye1 wsfeye1 sleant1 blhant3 allant1
whsant1 goeant1 sooant1 immant1 zelant1 rucant2 blfant1 bkfant2 rufant3 blhant1 rubant1 shtant1
strant3 sucant1 rutant2 schant1 barant2 undant1 giaant1 greant2 varant2 mouant1 scaant1 plbant1
ocsant1 eluant1 chcant2 watant1 samant1 cunant1 sthant2 gynant1 jocant1 chnant1 pabant1 whtant2
yebant1 whbant3 rutant5 bayant1 rawant1 rufant5 rufant6 rufant7 bicant3 chaant4 equant1 rufant8
cheant2 chaant5 panant1 rufant9 oxaant1 rufant10 punant1 rufant11 tawant1 brbant1 antant1
rufant2 stcant2 spoant6 spoant5 alfant1 masant1 thiant1 whlant2 amaant1 whbant7 spbant1 thlant2
thlant3 tepant1 ocbant1 scbant2 hooant1 perant1 ocfant1 rubant5 rubant7 slcant2 slcant5 crfant1
rufgna3 chbgna1 hoogna1 astgna1 rufgna2 slagna1 chcgna1 blcgna1 blbgna1 blcant1 rucant3 ocetap1
cthhue1 bthhue1 moutur1 whttap1 chutap1 cregal1 sangal1 rubtap1 spobam1 slabri1 strbri1 ocftap1
asctap1 whbtap1 bahtap1 martap1 diatap2 bratap1 roctap1 platap1 sertap1 moctap1 dustap1 magtap1
anctap1 whwtap1 partap4 partap2 partap1 whbtap2 zimtap1 puntap1 diatap1 viltap1 amptap1 miltap1
nebtap1 tritap1 boltap1 whctap1 samtap1 lottap1 ruvtap1 blatap2 laftap1 juntap1 unitap1 tsctap1
blatap1 siftap1 nartap2 tactap1 chotap1 upmtap1 stitap1 alptap1 ecutap1 cartap1 mattap1 brrtap1
pertap1 mertap1 chutap2 spitap2 colcre1 colcre2 olccre1 marcre1 elecre1 grhpip1 wibpip1 bkcpip1
platyr2 yuntyr1 roltyr3 roltyr1 gretyr1 reityr1 scltyr1 gyctyr1 sohtyr1 plctyr1 blctyr1 ashtyr1
tartyr1 yectyr1 forela1 gryela3 fooela1 pacela1 yecela1 greela yebela1 carela1 larela1 norela1
whcela1 whcela4 smbela1 oliela1 slaela1 mobela1 broela1 plcela1 lesela1 cooela1 rucela1 mouela1
higela2 higela3 greela1 sieela3 sieela2 graela1 yebtyr1 brctyr whltyr1 nobtyr sobtyr1 suifly1
whttyr2 whttyr1 bubtyr1 ruwtyr1 subtyr1 whbtyr1 bkctit1 pcttyr1 abttyr1 ybttyr1 tuttyr1 jfttyr1
agitit1 unstit1 tortyr1 rivtyr1 sootyr1 y01036 whbtyr2 gyctyr2 moctyr7 moctyr6 yeltyr1 beatac1
gybtac1 dindor2 credor1 subdor1 wardor1 ticdor1 boptyr1 hfptyr1 rhptyr1 rinant2 souant1 tacpyt1
rsptyr1 gawtyr2 lewtyr1 grwtyr1 paltyr2 paltyr3 paltyr4 paltyr5 boltyr1 rebtyr2 mistyr1 chityr1
slftyr1 guityr1 goftyr1 goftyr5 chotyr1 goftyr4 pertyr1 vabtyr1 chabrt1 mfbtyr1 spbtyr1 vebtyr2
anbtyr1 sobtyr2 moctyr2 alatyr1 restyr1 bahtyr1 yegtyr1 olgtyr1 ecutyr1 blftyr1 rubtyr1 rultyr1
ciftyr1 migtyr1 saptyr1 oustyr1 sdmtyr2 bartyr1 stnfly1 olsfly2 ocbfly1 mccfly1 mccfly3 gyhfly1
secfly1 slcfly1 rubfly2 incfly1 chafly3 nosfly1 amsfly1 sosfly1 slbtyr1 platyr1 amatyr1 pattyr3
flafly2 orcfly1 unafly1 rorfly1 olcfly1 brcfly1 hanfly1 orbfly1 ornfly1 mcrtyr1 shttyr1 drbpyt1
bnbpyt1 flapyt1 snttyr1 yuttyr1 acrtot1 bbttyr1 wettyr1 whbtot1 zittyr1 erttyr1 jottyr1 snttyr2
hattyr1 pvttyr1 pettyr1 btttyr1 bbttyr2 cbttyr1 kattyr1 btttyr2 fotpyt1 eaptyr1 wbptyr1 bcptyr1
stptyr1 norben1 souben1 scptyr1 lcptyr1 dbptyr1 heptyr1 peptyr1 rcttyr1 johtot1 wcttyr1 bawtyr1
buctof1 rudtof1 ocftof1 smftof1 ruftof1 shtfly1 gowtof1 bkbtof1 blctyr2 sptfly1 gyhtof1 cotfly1
matfly1 patfly1 ybtfly1 bhtfly1 brofly1 ruftwi1 eyrfla1 olifla1 pacfla1 fubfla1 yeofly1 orefly1
yemfly1 yemfly2 gycfly1 yebfly3 yebfly4 cicspa1 sttspa1 whtspa1 gocspa1 yetspa1 whcspa1 ruwspa1
cinmat1 cinfly2 clifly1 eulfly1 gybfly1 tacfly1 blbfly1 belfly1 pilfly1 easpho blkpho saypho
tuffly olifly2 olsfly grepew darpew1 smcpew1 ochpew1 wewpew eawpew tropew3 tropew2 whtpew1
blapew1 cubpew1 jampew1 leapew1 yebfly acafly wilfly aldfly whtfly1 leafly hamfly dusfly gryfly
pinfly1 pasfly corfly yelfly1 bubfly blcfly1 verfly brufly1 drwtyr1 yebtyr2 sbgtyr1 wfgtyr1
ongtyr1 plcgrt1 rngtyr1 dafgrt1 wbgtyr1 cibgrt1 pugtyr1 andneg1 ausneg1 spetyr1 bbbtyr1 andtyr2
cintyr1 whwblt1 hubtyr1 ruttyr1 rivtyr2 ambtyr1 crbtyr1 vebtyr1 rrbtyr1 rwbtyr1 whrmon2 whimon1
fiediu1 grymon1 bkcmon1 salmon1 chvtyr2 stbtyr1 rbbtyr1 smbtyr1 smbtyr2 bkbsht1 lessht1 wtstyr1
gresht1 stttyr2 shtgrt1 piwtyr1 bbwtyr1 mawtyr1 whmtyr1 bawmon3 cottyr1 stttyr1 tumtyr2 crocht1
crocht3 gobcht1 yebcht1 jelcht1 slbcht2 slbcht3 rbctyr1 bbctyr1 dorcht1 wbctyr1 pictyr1 pattyr2
lottyr1 stftyr1 cattyr pirfly1 whbfly1 rumfly1 socfly1 grcfly1 ducfly2 grekis leskis1 whrfly
yetfly2 thsfly2 lebfly2 gobfly1 gocfly1 baifly1 subfly strfly1 bobfly1 sulfly1 varfly croslf1
sntkin1 whtkin1 trokin coukin caskin thbkin weskin sctfly fotfly easkin grykin giakin1 logkin
gramou1 pabmou1 rufmou1 sibsir1 whrsir1 todsir1 siryst3 rufcas2 astcas2 ruffly1 yucfly1 sadfly1
ducfly swafly1 venfly1 panfly1 shcfly1 apifly1 paefly1 socfly2 astfly nutfly grcfly bncfly
galfly1 rutfly1 lasfly stofly1 purfly1 lahfla2 flafly1 rutfla1 dutfla1 rutatt1 cinatt1 ochatt1
cibatt1 ducatt1 gyhatt1 brratt1 scafru1 fitfru1 scbfru1 hanfru1 rebfru1 blcfru1 orbfru1 masfru1
gobfru1 barfru1 batfru1 gabfru1 gytpih1 olipih2 hoober2 bkhber1 andcot1 gcoroc1 gurcot1 bnrcot1
whccot1 rutpla1 perpla1 whtpla1 swtcot1 bavcot1 chbcot1 reccot1 chccot1 crifru1 putfru1 rerfru1
banumb1 lowumb1 amaumb1 capuch1 rufpih1 rocpih1 scrpih1 civpih1 bagcot1 gywcot1 chcpih1 duspih1
scwpih1 whibel2 thwbel batbel1 beabel1 pltcot1 spacot1 lovcot1 blucot1 turcot1 pubcot1 putcot1
blfcot1 pomcot1 whtcot1 whwcot1 bltcot1 snocot1 dwtman1 titman1 sctman1 sbtman1 pbtman1 witman1
sdmman1 yehman2 jetman2 araman1 helman1 lotman1 latman1 blbman1 yunman1 swtman1 pitman1 gowman1
whtman1 whrman1 oliman2 blaman1 greman2 blcman1 sncman1 gocman2 opcman1 orbman1 whfman1 blrman1
orcman3 yecman2 flcman2 whbman1 whcman1 gocman1 orcman1 crhman1 witman2 batman1 clwman1 strman2
strman5 paiman1 ficman1 whcman2 schman1 recman1 rotman1 gohman1 rehman1 sharpb1 royfly1 royfly2
royfly3 royfly5 tabfly1 surfly1 whifly1 bltfly1 rutfly2 blctit1 blttit1 mastit1 varsch1 thlsch7
thlsch2 thlsch8 thlsch4 thlsch3 gresch2 spemou1 cinmou1 butpur1 duspur1 whbpur1 shlcot1 shlcot2
whnxen1 grbbec1 gnbbec2 barbec1 slabec1 cinbec2 chcbec1 cinbec1 whwbec1 blcbec1 bawbec1 grcbec1
glbbec1 oncbec1 pitbec1 crebec1 rotbec jambec1 alblyr1 suplyr1 rusbir1 nosbir1 ocbcat1 taccat1
grecat1 spocat2 huocat1 bkccat1 norcat1 arfcat1 spocat1 tobcat2 arcbow1 vogbow2 macbow2 strbow1
golbow1 flabow2 regbow1 satbow1 wesbow1 grebow1 spobow1 fabbow1 whttre3 paptre1 whbtre2 ruftre3
brotre2 bkttre1 walfai1 empfai1 lovfai1 varfai1 varfai5 blbfai1 rewfai1 supfai1 splfai1 pucfai2
whsfai1 rebfai1 whwfai1 orcfai1 souemu1 malemu1 rucemu1 blagra1 whtgra1 shtgra1 rufgra1 rusgra1
strgra2 eyrgra1 thbgra1 thbgra4 dusgra1 daehon1 grshon1 easspi1 wesspi1 grbhon1 soomel1 olshon1
rushon1 rubhon1 blbhon1 cricha1 yelcha1 whfcha1 bouhon1 rubhon2 ruthon1 gryhon1 babhon1 brbhon1
lobhon2 tawstr1 arfhon1 smohon1 spahon1 barhon2 nehhon1 tachon1 plahon1 marhon1 sthhon1 piehon1
tui1 nezbel1 blahon1 whsfri1 sermyz1 whcmyz1 ashmyz1 dusmyz4 dusmyz1 redmyz1 blamyz1 crhmyz1
alomyz1 rehmyz1 summyz1 rotmyz2 moumyz1 banmyz1 sulmyz1 scamyz1 necmyz1 carmyz1 micmyz1 scbmyz1
ebomyz1 scnmyz1 yevmyz1 soomyz1 orbmyz1 bkbmyz1 recmyz1 meyfri1 litfri1 gryfri1 timfri1 dusfri1
serfri1 bkffri1 bkffri2 helfri1 helfri3 helfri4 nebfri1 whnfri1 sicfri1 noifri1 necfri1 spohon3
machon2 tabhon1 strhon1 paihon1 whshon1 crehon2 nehhon2 whchon2 sunhon1 olihon1 brohon1 dabhon1
siehon1 whthon2 serhon1 yeehon1 blchon1 banhon1 sacmel1 chagih1 duegih1 crohon1 easwah1 norwah1
weswah1 kanhon1 whehon1 yethon1 blfhon1 blchon2 stbhon2 brhhon1 whthon1 whnhon2 whnhon3 blhhon1
whghon1 yelhon1 pubhon1 yeshon1 lewhon1 whfhon1 yethon3 pughon1 forhon1 moumel1 scrhon1 mimhon1
taghon1 grahon2 grahon5 grahon3 yeghon1 whlhon1 stbhon3 varhon1 manhon1 sinhon1 orchon1 yethon2
fushon1 gyhhon1 yephon1 whphon1 yefhon1 blthon1 obshon1 bruwat1 litwat1 redwat1 yelwat1 reghon1
spchon1 brihon1 eunhon1 cibmel1 vogmel1 yebmel1 huomel1 belmel1 ornmel1 belmin1 noimin1 yetmin1
blemin1 easbri1 wesbri1 rufbri1 spopar1 fospar1 rebpar6 strpar1 dwawhi1 fernwr1 scrubt2 weebil1
strfie1 ruffie3 ruffie2 chrhea1 shyhea1 pilotb1 redthr1 spewar3 rocwar1 rumwar1 momwar1 yetscr1
pabscr1 vogscr1 bufscr1 papscr1 gygscr1 labscr2 becscr1 larscr1 whbscr3 tasscr1 athscr1 whbscr1
bimwar1 broger1 gryger1 noiger1 chiger2 fatger1 brbger1 gobger1 rusger1 manger1 plager1 wesger1
dusger1 labger1 biager1 yebger1 gnbger1 whtger1 faiger1 moutho1 brotho1 inltho1 tastho1 chrtho1
burtho1 westho1 slbtho2 yertho1 yeltho1 mouger1 strtho1 slbtho1 souwhi1 chbwhi1 banwhi1 negbab1
gycbab1 halbab1 whbbab3 chcbab2 norlog1 soulog1 chowch1 lorsat1 cresat1 obsber1 lebber1 blaber1
fatber1 satber1 spober1 dwahon2 pyghon1 yeblon1 slclon1 titber1 creber1 kokako3 kokako4 saddle2
saddle3 stitch1 easwhi1 weswhi1 weswhi4 chiwed2 chiwed1 spjbab1 blujeb1 blujeb2 cbjbab1 spqthr1
chequt1 copqut1 ciqthr1 nulqut1 cbqthr1 chbqut1 paqthr1 ruwbat1 shtbat1 darbat1 capbat10 woobat1
chibat1 senbat1 gyhbat1 palbat1 pribat1 bkhbat2 bkhbat1 pygbat1 angbat1 verbat1 itubat1 weabat1
fepbat1 whtshr1 weawae1 chweye1 baweye1 btweye1 wfweye1 btweye2 ybweye1 rcweye1 bnweye1 jaweye1
fibbus1 monbus1 gyhbus1 grbbus1 mtkbus1 macbus2 blfbus1 olibus1 gygbus1 subbus1 focbus2 dohbus1
bokmak1 ropbus1 martch2 brctch1 thstch1 soutch1 bkctch1 labpuf1 pifpuf1 reepuf1 blbpuf2 norpuf1
pripuf1 soobou1 mosbou1 mosbou4 wisbou1 fuebou1 slcbou1 luebus1 gabbus1 renbus1 trobou2 trobou1
zanbou1 soubou1 gabbou1 turbou1 comgon1 papgon1 blhgon1 crbgon1 yebbou1 brubru1 yebboa1 blbboa1
retvan1 resvan1 hobvan1 bervan1 lafvan1 vadvan1 polvan1 sibvan1 whhvan1 chavan2 bluvan3 rufvan1
helvan1 tylvan1 nuthat2 darnew1 comnew1 arcnew1 retnew1 warfly1 crobab1 whihel1 chbhel1 rubhel1
rethel1 anghel1 chfhel1 bwfshr1 bwfshr2 larwoo1 malwoo1 comwoo1 srlwoo1 ruwphi2 mabphi2 afrshf1
bawfly1 borbri1 ashwoo2 whbwoo4 fijwoo1 whbwoo8 grewoo1 maswoo1 whbwoo5 blfwoo1 duswoo1 lowpel1
moupel1 blabut1 ausmag2 grybut1 sibbut1 blbbut1 piebut1 hoobut1 tagbut1 piecur1 blacur2 grycur1
motwhi1 comior1 whtior1 greior2 greior1 whbmin3 whbmin2 fiemin1 smamin1 gycmin1 sunmin1 shbmin2
flomin1 lotmin1 scamin3 scamin1 ashmin1 ryumin1 brrmin1 rosmin1 ashcus2 ashcus3 whbcus2 grycus1
stbcus1 hoocus1 cercus1 piecus1 grocus1 yeecus1 bkfcus1 boycus1 burcus1 walcus1 melcus3 melcus1
babcus1 javcus1 larcus1 slacus1 whrcus1 suncus1 whbcus1 molcus1 blkcus1 rescus1 petcus1 putcus1
golcus1 mcgcus1 neccus1 whwcus1 blacus1 bkbcus2 sumcus1 kaicus1 gyhcus1 bkbcus1 cicada7 soicus1
sulcus2 papcus1 cicada1 mancic1 cicada4 cicada5 cicada3 negcus1 halcus1 pygcus1 blucus1 poltri1
whwtri2 lottri1 whwtri1 rubtri1 blbtri1 bkbtri2 whbtri1 vartri1 bawtri1 pietri1 whrtri1 bkwcus1
bkhcus1 indcus1 lescus1 maucus1 reucus1 yellow3 whiteh1 pipipi1 varsit8 blksit1 watplo1 runwhi1
crepit1 crebel1 cresht1 mabwhi1 sansht1 blapit1 oliwhi1 relwhi1 gilwhi1 manwhi1 grbwhi1 whvwhi1
biawhi1 ruswhi1 brbwhi1 yebwhi1 subwhi1 borwhi1 vogwhi1 grywhi2 sclwhi1 rubwhi1 yetwhi1 golwhi2
bkcwhi1 golwhi1 weswhi2 biswhi1 oriwhi1 louwhi1 renwhi1 necwhi2 necwhi3 fijwhi2 temwhi1 bltwhi1
bohwhi1 batwhi1 lorwhi1 regwhi1 gobwhi1 rufwhi1 blhwhi1 whbwhi1 walwhi1 drawhi1 drawhi3 whbwhi2
mornin1 whbpit1 ruspit1 bowsht1 rufsht2 litshr5 litshr6 litshr1 litshr4 litshr3 litshr2 grysht1
yebshr1 magshr1 whrshr1 whcshr1 tigshr1 soushr3 buhshr1 brnshr rebshr1 isashr1 rutshr2 burshr1
babshr1 gybshr1 gycshr1 macshr1 legshr2 logshr norshr4 norshr1 ibgshr1 chgshr1 gybfis1 lotfis1
taifis1 somfis1 norfis1 soufis1 wooshr1 masshr1 grsbab1 besbab1 bhsbab1 himshb1 whbshb1 dalshb1
clishb1 whbyuh1 rubpep1 blbpep1 cssvir1 grsvir1 ybsvir1 scsvir1 gyegre1 rucgre1 oligre1 ashgre1
brhgre1 lecgre2 scrgre1 gycgre1 tacgre1 lesgre1 ducgre1 bucgre1 gofgre1 rungre1 golvir1 yegvir
reevir1 yucvir bkwvir chivir1 norvir1 tepgre1 phivir warvir brcvir1 hutvir gryvir yetvir yewvir1
chovir1 buhvir casvir plsvir flbvir1 manvir1 thbvir2 cozvir1 stavir1 whevir thbvir jamvir1
cubvir1 belvir purvir1 bkcvir1 dwavir1 slavir1 grnfig1 wetfig1 ausfig1 varpit2 varpit4 varpit3
hoopit1 serori1 halori1 olbori1 timori1 timori3 burori3 broori1 greori1 bacori1 marori2 blhori1
datori1 phiori1 whlori1 grhori1 wbhori1 abhori1 dahori1 bltori1 blwori1 afgori2 ingori1 eugori2
slbori1 brodro1 lrtdro1 crbdro1 grtdro1 srldro1 anddro1 suldro1 spadro1 ritdro1 hacdro1 tabdro1
hacdro9 balica1 ashdro1 whbdro1 maydro1 credro1 vemdro6 fotdro5 bladro1 vemdro5 fotdro4 cstdro1
shidro1 wstdro1 shadro1 blufan1 visblf1 blhfan1 visfan1 whtfan1 spbfan1 whbfan1 whbfan2 piefan1
phipif1 spofan1 wilwag1 brcfan1 citfan1 norfan1 whwfan1 sotfan1 bltfan1 wbtfan1 blafan1 chbfan1
frifan1 gryfan1 nezfan1 manfan1 brofan1 dusfan1 renfan1 strfan1 kanfan1 rutfan1 bacfan1 dimfan1
palfan1 stbfan1 cibfan1 rubfan2 pelfan1 lotfan1 rubfan1 matfan1 manfan2 ruffan1 arafan1 papdro1
silkta2 blnmon1 pabmon1 shcmon1 celmon1 afcfly1 bhcfly1 rvpfly1 bhpfly1 batpaf1 afpfly1 aspfly1
blypaf1 amupaf1 japfly1 blpfly1 rupfly1 mapfly1 sepfly1 mapfly2 elepai5 elepai4 elepai rarmon1
tahmon2 marmon2 iphmon2 fatmon1 vanmon1 slamon1 bubmon1 soushr2 fijshr1 bktshr1 renshr1 blamon1
spwmon1 blbmon2 flomon1 blcmon1 spemon1 whtmon1 whtmon2 biamon1 hoomon1 bltmon1 bawmon1 kulmon1
whcmon2 islmon1 blfmon1 blwmon1 boumon1 chbmon1 whcmon1 yapmon1 whemon1 whnmon1 loemon1 golmon1
rucmon1 frimon1 frnmon1 piemon1 maglar1 torlar1 ocefly1 palfly3 pohfly1 molfly1 biafly1 leafly2
stbfly1 ochfly1 melfly1 vanfly1 chtfly1 brbfly1 satfly1 shifly1 papfly1 resfly1 blamag1 blkmag2
sibjay1 sicjay1 gryjay blcjay2 whcjay2 turjay1 beajay1 azhjay1 bltjay1 dwajay1 whtjay1 sitjay1
bucjay1 sabjay yucjay1 pubjay1 viojay1 azujay1 purjay1 cucjay1 tufjay1 blcjay1 whtjay2 cayjay1
aznjay1 plcjay1 whnjay1 grnjay brnjay btmjay wtmjay1 blujay stejay mexjay4 mexjay3 unijay1
cowscj1 wooscj2 issjay flsjay pinjay eurjay1 blhjay1 lidjay1 azwmag2 azwmag3 ceymag1 formag1
gobmag1 rbbmag whwmag1 yebmag1 ruftre2 bortre1 grytre1 whbtre1 coltre1 andtre1 rattre1 hootre1
rattre2 eurmag1 eurmag3 eurmag5 eurmag6 orimag1 bkbmag1 yebmag stbcro1 mogjay1 xigjay1 tugjay1
irgjay1 clanut redcro redcro9 whwcro hiscro mouser1 eurgol citfin1 corfin1 fifser1 eurser1
syrser1 comcan capcan1 yeccan1 bkhcan2 tibser1 lawgol amegfi lesgol eursis antsis1 pinsis
blhsis1 blcsis2 yebsis1 olisis1 hoosis1 safsis1 yefsis1 blasis1 yersis1 thbsis1 andsis1 eleeup1
anteup1 goreup1 blnchl1 chbchl1 yecchl1 blcchl1 gobchl1 jameup1 orceup1 plueup1 puteup1 fineup1
vefeup1 trieup1 screup3 screup1 yeceup1 gobeup1 whveup1 gnteup1 vioeup1 yeteup1 thbeup1 spceup1
olbeup1 fuveup1 taceup1 orbeup1 brgeup1 goseup1 rubeup1 chbeup1 mcclon laplon smilon chclon
snobun austhr1 lawthr1 slathr3 crbthr1 trithr1 marthr2 blbthr1 bkbthr3 yelthr1 whtrob1 whtthr2
whnrob1 rubrob pavthr1 pabthr1 cocthr1 hauthr1 rubthr1 clcrob baerob1 ecuthr1 hauthr3 unithr1
ficale3 ficale2 kasrob2 fosrob1 besrob1 misrob1 blsrob1 rutscr1 kasrob1 bbsrob1 rbsrob1 brsrob1
indrob1 rutsha2 mamrob1 semrob1 phimar1 andsha1 whrsha2 whbsha1 vissha1 whvsha1 blasha1 afffly1
wbffly1 gyttif1 grytif1 angslf1 wheslf1 abyslf1 yebfly2 nobfly1 sobfly1 palfly2 chafly2 grafly1
marfly1 fisfly1 silver1 spofly1 spofly3 gamfly1 gysfly1 dasfly asbfly bnsfly1 subfly2 brbfly2
ferfly1 ashfly1 swafly3 casfly1 olifly1 chafly1 afdfly1 ligfly2 yeffly1 dubfly2 tesfly1 ussfly1
whgfly1 rubfly3 habfly1 pabfly2 wbbfly1 pacblf1 hibfly1 larblf1 pabfly1 tibfly3 tibfly4 lobblf1
bobfly2 butfly1 butfly2 mabfly1 mabfly2 subfly4 subfly1 tibfly2 blffly1 matfly2 whtfly2 flojuf2
flojuf1 bncjuf1 fucjuf1 gycjuf1 chtjuf1 fujnil1 rubnil1 ruvnil1 vivnil3 larnil1 smanil1 bawfly2
zapfly1 dubfly3 verfly4 islfly1 nilfly2 indfly1 eurrob1 bubwre1 supwre1 fabwre1 lobwre1 grywre1
rivwre1 baywre1 stbwre1 sttwre1 carwre winwre4 winwre3 pacwre1 clawre1 houwre houwre5 socwre2
rubwre2 ochwre1 mouwre1 samwre1 tepwre1 timwre1 whbwre1 wbwwre1 gbwwre1 gybwow3 bwwwre1 munwow1
nigwre1 scbwre1 fluwre1 wibwre1 chbwre1 muswre2 sonwre1 lobgna4 lobgna5 tafgna1 colgna1 guigna2
guigna3 sltgna1 guigna4 iqugna1 inagna1 trogna1 melbla1 cubbla rusbla brebla comgra nicgra1
cargra1 gragra1 botgra grtgra rebgra1 vefgra1 oribla1 mougra1 gotgra1 ausbla1 schbla1 forbla1
chobla1 bolbla1 bawcow4 bawcow3 yewbla2 paebla2 unibla2 chcbla2 yehbla2 sacbla2 baymar1 yermar1
ovenbi1 woewar1 louwat norwat gowwar buwwar bawwar prowar swawar crcwar fltwar1 tenwar orcwar
colwar lucwar naswar virwar conwar gycyel masyel2 masyel3 masyel4 masyel5 macwar mouwar kenwar
olcyel1 blpyel1 belyel1 bahyel1 altyel1 comyel hooyel1 elwwar1 arrwar1 hoowar amered kirwar
camwar cerwar norpar tropar magwar babwar bkbwar yelwar1 yelwar chswar bkpwar btbwar palwar
olcwar1 pinwar yerwar audwar yerwar2 yetwar yetwar3 vitwar1 prawar adewar1 grawar btywar towwar
herwar comchi1 ibechi2 eacwar1 ijlwar1 phlwar1 letwar1 yetwow1 brwwar1 rfwwar1 lauwow1 bcwwar1
ugawow1 whswar1 gycwar2 goswar1 gycwar1 whiwar2 biawar1 pltwar1 marwar4 grnwar1 grewar2 grewar3
emlwar1 lblwar1 salwar1 pllwar1 arcwar3 arcwar2 arcwar1 chcwar2 sunwar1 yebwar2 limlew1 subwar3
yevwar1 weclew1 blylew1 clalew1 harlew1 klolew1 halwar1 davlew1 gyhwar2 mouwar2 mouwar4 tilwar2
rolwar1 sclwar1 sulwar1 sulwar3 kullew1 islwar1 isllew9 isllew10 grawar1 malbrw1 subbrw1 anbwar1
gcbwar1 mohbrw1 barwar2 cvswar1 grswar2 leswar1 maswar1 sebwar1 grrwar1 orrwar1 clrwar1 aurwar1
miller sairew1 narwar1 carrew1 chiwar1 marrew2 tahrew1 marwar2 turwar1 cirwar2 rimrew1 bbrwar1
mouwar1 aquwar1 sedwar1 blutit azutit2 grotit1 gretit1 gretit4 gretit2 grbtit1 whwtit2 yeltit2
blltit1 indtit1 yectit1 whsblt1 whwblt3 soublt1 cartit2 whbtit5 whbblt1 dustit2 rubtit3 rettit2
stbtit2 somtit4 miotit2 ashtit2 grytit1 euptit1 bhptit1 wcptit1 chptit1 yeptit1 mcptit1 afptit1
soptit1 verdin yesnic1 easnic1 yetnic1 bearee1 grhlar1 beelar1 sphlar12 gralar2 shclar1 klblar6
benlar1 elblar1 y00415 agular1 thblar1 deslar1 batlar1 rutlar2 beslar1 madlar1 bcslar1 cbslar1
ascspl1 chhspl1 gybspl1 fislar1 sablar2 piblar3 foxlar1 faclar8 karlar2 ferlar2 dunlar5 barlar4
rudlar1 liblar1 eaclar1 caclar1 rewlar1 runlar1 flalar1 retale1 brcale1 whcale1 wbrcha1 arrcha1
ofrcha1 carcha1 wtrcha1 gywroc1 bsrcha1 rurcha1 wbrcha2 rcrcha1 chrcha1 whrcha1 scrcha1 wcrcha1
swyrob1 whsrob1 obfrob1 shtaka2 bocaka11 equaka1 shaaka1 rubaka1 usaaka1 iriaka1 copthr1 rtpthr1
spmthr1 gresho1 bagbab2 gousho1 rubsho1 lessho1 whbsho4 whbsho5 whbsho6 whbsho10 eyjfly1 minjuf1
inbrob1 sibrob rutrob1 ryurob2 ryurob3 japrob2 blueth whbred1 thrnig1 comnig1 whtrob3 himrub1
chirub1 sibrub fireth1 whtrob2 whbsho1 whbsho3 wbbrob1 rbbrob1 cobrob1 refblu himblu1 gobrob1
litfor1 chnfor1 blbfor1 slbfor1 whcfor1 whcfor3 spofor1 ceywht1 shwthr1 borwht1 chwwht1 mawthr2
mawthr1 fowthr1 blwthr1 blfrob1 korfly1 narfly1 narfly2 narfly3 slbfly1 mugfly pybfly1 rugfly1
sapfly1 ultfly1 lipfly1 slbfly2 snbfly1 rutfly6 taifly1 rebfly kasfly1 semfly1 eupfly1 colfly1
anglar1 monlar2 latlar1 sinbus6 sinbus1 burbus1 benbus1 indbus3 indbus2 jerbus2 gillar1 frilar1
whtlar1 woolar1 stalar2 shtlar1 piblar1 whwlar1 razsky1 orisky1 skylar tawlar1 sunlar1 lablar1
thelar1 crelar1 mallar1 crelar3 horlar temlar1 humlar1 sstlar4 blalar2 blalar4 reclar1 gstlar1
bimlar1 callar1 blalar1 tiblar1 duplar1 dunlar1 dunlar4 lstlar2 sstlar1 mstlar1 tstlar1 sanlar1
somgre1 slbgre1 golgre1 blcbul1 combri2 gntbri1 gyhbri1 lesbri2 lesbri3 yetgre1 spogre1 swagre1
joygre1 yengre1 yebgre1 simgre1 hongre1 sjogre1 camgre2 shegre1 easmog4 easmog3 easmog5 easmog1
stcgre3 stcgre4 stcgre1 wesbeg1 easbeg1 retgre1 whbgre1 yebgre3 litgre2 yewgre1 plagre2 grygre1
ansgre1 tingre1 whtgre2 xavgre1 ictgre1 terbro1 caogre1 norbro1 gyogre1 fisgre1 cabgre1 cabgre3
leaflo1 yesbul1 gyhgre1 toogre1 baugre1 paogre1 habbul1 hobbul1 yebbul2 gytbul1 ochbul3 whtbul1
ochbul2 putbul1 strbul2 finbul1 olibul1 buvbul1 chabul1 cacbul1 gyebul1 crsbul1 ashbul1 cinbul1
chebul1 yebbul3 sunbul1 sunbul2 strbul1 moubul2 phibul1 minbul1 stbbul1 golbul3 sulgob1 golbul4
visbul1 yelbul1 yelbul4 brebul1 reubul1 madbul1 maubul1 blabul1 sqtbul1 combul1 mohbul1 seybul1
pubbul1 bawbul2 yewbul1 gyhbul1 blhbul1 andbul1 spebul1 gybbul1 scbbul1 blcbul2 bkcbul1 bkcbul4
bafbul1 crefin1 colfin1 crvbul1 olwbul1 reebul1 asfbul1 whbbul2 ayebul1 stebul2 sttbul1 flabul1
flabul3 yetbul1 yeebul1 brbbul1 livbul1 stybul1 rewbul yevbul1 revbul sohbul1 whebul1 gchwar
btnwar citwar1 samwar1 whswar2 flawar1 whbwar2 palwar1 blcwar2 burwar1 rivwar1 twbwar1 twbwar2
gobwar3 gobwar4 whlwar1 gytwar1 gagwar2 rucwar1 fatwar rucwar rucwar4 blcwar1 pirwar1 gobwar1
gcrwar thswar5 thswar9 thbwar2 thswar2 thswar1 canwar wlswar refwar redwar1 pihwar1 paired
sltred brcred1 yecred1 whfred2 gofred1 spered1 colred1 parred1 tepred1 duftan1 olbtan1 olgtan1
rbptan1 flctan heptan2 heptan sumtan rottan1 scatan westan whwtan1 rehtan1 rehtan2 rcatan1
rtatan1 bcatan1 soatan1 cratan1 olitan1 cartan2 lestan ocbtan1 yelgro bltgro1 gobgro1 blbgro2
robgro bkhgro rebcha1 grtcha1 robcha1 norcar vercar1 pyrrhu blfgro1 yeggro1 crcgro rabgro1
blusee1 blusee4 blbsee3 dickci glbgro1 bubgro1 bubgro2 ultgro1 blubun blugrb1 indbun lazbun
varbun paibun robbun1 orbbun1 plushc1 cocfin2 brotan1 yesgro2 hootan1 chttan1 blbtan2 whctan1
scttan1 blmfin1 grpfin1 ptpfin1 lesgrf1 wtgfin1 grifin1 rbifin1 gywinf1 bbifin1 liifin1 mosfin1
blufin1 btsfin1 casfin1 grehon1 gochon2 sawtan1 baytan2 surtan1 scbtan2 yebtan1 guitan1 ruhtan1
swatan1 purhon1 relhon1 shbhon2 shihon1 scbdac1 sctdac1 bludac1 bagtan2 gycfin1 blcfin1 whbtan1
codfin1 yelcar1 diatan1 magtan2 blftan1 cintan1 reccar reccar2 crfcar1 yebcar reccar3 reccar4
dottan1 ruttan1 spotan1 spetan1 yebtan2 gontan1 azrtan1 gagtan1 bugtan saytan1 glatan1 azstan1
yewtan1 goctan2 paltan1 blhtan1 siltan1 gnttan1 blctan1 gohtan1 blntan1 mastan1 blbtan1 chbtan1
scrtan1 bubtan2 babtan1 bestan1 spctan1 blbtan3 megtan1 bahtan1 ruwtan1 goetan1 sactan1 flftan1
blwtan1 gagtan2 goltan1 emetan1 sittan1 sectan1 grhtan2 rentan1 brbtan1 gietan1 plctan1 turtan1
partan1 opctan1 oprtan1 ibesee1 piecro1 wiltit1 combul2 scbcup3 slbtes1 pfbwar1 webwar1 humwar1
savwar1 blackc1 grewhi1 cacwre sohwre1 blbwre1 pltwre1 shttre1 woothr spnthr1 sponit2 obnthr1
bhnthr1 sbnthr1 swathr bbnthr1 herthr runthr1 rcnthr1 gycthr bicthr veery lotthr1 alpthr1
himthr1 sicthr1 lobthr1 dasthr1 evethr1 scathr2 scathr8 scathr4 scathr5 scathr6 sacthr2 rutthr1
oltthr1 sibthr1 piethr1 grygrt1 spgthr1 spwthr1 crgthr1 abgthr1 orgthr1 orbthr1 rubthr2 grothr1
chithr2 sonthr1 fieldf eacaka1 gabaka1 comcha blucha2 brambl baygro1 colgro1 spwgro1 whwgro1
evegro hoogro1 hawfin pingro brrbun1 cabbun1 blhbun1 rehbun1 bkfbun1 leasal1 sibtan2 drasee1
crbgna1 masgna1 cubgna1 trogna2 buggna bktgna calgna bkcgna whlgna2 whcnut1 prznut1 gianut1
whbnut beanut1 blunut1 vefnut1 yebnut1 subnut1 pygnut bnhnut bnhnut2 yunnut1 algnut1 krunut1
rebnut cornut1 snbnut1 rocnut1 pernut1 whbnut1 whtnut1 eurnut2 chvnut1 chbnut2 chbnut3 chbnut4
wallcr1 eurtre1 eurtre3 brncre battre1 ruftre4 bnttre1 bnttre2 sictre1 spocre3 spocre2 grycat
blacat1 normoc tromoc bahmoc chimoc1 lotmoc1 chbmoc1 patmoc1 whbmoc1 brbmoc1 galmoc1 hoomoc1
chamoc2 socmoc1 sagthr brnthr lobthr grathr1 benthr ocethr1 cubthr calthr crithr lecthr blumoc
bawmoc1 scbthr peethr1 brotre1 metsta1 sinsta1 tansta1 atosta1 rensta1 lotsta1 whesta2 brwsta1
sacsta1 ruwsta1 strsta1 asgsta1 molsta1 shtsta1 micsta1 polsta1 samsta1 rarsta1 yefmyn1 lotmyn1
golmyn1 sulmyn1 apomyn2 coleto1 whnmyn1 baemyn1 fibmyn1 spwsta1 gocmyn1 ceymyn1 sohmyn1 whvmyn1
cremyn junmyn1 colmyn1 banmyn1 commyn vibsta1 rebsta1 whcsta1 bkcsta1 blwwar1 manrew1 labrew1
padwar1 blrwar1 eurwar1 afrwar1 marwar3 thbwar1 afywar1 moywar1 boowar1 sykwar2 eaowar1 weowar1
paywar1 upcwar1 oltwar1 melwar1 ictwar1 simgrw1 gybbab2 grgwar1 sakwar1 margra1 pagwar1 migwar
plewar1 lanwar baswar1 eurwar2 brbwar2 cogwar1 chbwar1 frbwar1 ltbwar1 cbbwar2 cbbwar4 talgrw1
cbbwar3 spobuw1 spobuw2 spobuw3 taibuw1 rubwar1 dabwar1 jabwar1 sicbuw1 benbuw1 flrgra1 spibir1
fernbi1 litgra1 malia1 broson1 bubbus1 rufson1 tawgra2 tawgra3 guathi2 necgra1 lolwar1 strgra1
ceybuw1 brtgra2 brigra2 fatgra1 knswar1 banscw1 afswar1 camscw1 olbsun4 apbsun2 flbsun2 sousun2
madsun1 seysun2 humsun2 anjsun2 maysun2 lobsun2 gyhsun2 moasun1 linsun1 mansun1 mewsun2 mousun1
bohsun1 elesun1 lovsun1 hansun1 gousun1 grtsun1 fotsun1 bltsun1 eacsun1 magsun1 wecsun1 scasun1
temsun1 fitsun1 punsun1 litspi1 ortspi1 palspi2 thbspi1 lobspi1 spespi2 yeespi1 nafspi1 gybspi2
stbspi2 borspi1 strspi1 whispi1 cinwhe1 palroc1 rocpet1 whrsno1 tibsno2 whwsno1 blwsno1 runsno1
pedsno1 blasno1 yespet1 yetpet1 buspet1 chspet1 capspa1 chespa1 shrspa1 kerspa2 grrspa1 gyhspa1
swaspa2 swaspa1 pabspa1 sghspa2 sinspa1 russpa2 eutspa saxspa1 plbspa1 socspa1 spaspa1 itaspa1
houspa somspa1 cavspa1 desspa3 argspa2 sugspa1 desspa1 wbbwea1 rbbwea1 whbwea1 wbswea1 ccswea1
dsswea1 cbswea1 rutwea1 gyhsow1 bcswea1 socwea1 scawea1 spfwea1 growea1 bagwea1 banwea1 berwea2
slbwea1 litwea1 spewea1 bknwea2 strwea1 blbwea1 capwea1 bocwea1 afgwea1 hogwea1 orawea1 hemwea1
gopwea1 tagwea1 sbtwea1 kilwea1 ruewea1 lesmaw1 afmwea kamwea1 vimwea1 spewea2 vilwea1 viewea3
blhwea1 gobwea1 cinwea1 chewea1 yemwea1 nelwea1 sakwea1 asgwea2 comwea1 strwea2 baywea1 forwea1
usawea1 brcwea1 bawwea1 recmal2 bltmal1 balmal2 revmal1 gramal1 rehmal1 cremal1 rehwea1 carque1
rehque1 rebque1 redfod1 rehfod1 forfod1 maufod1 seyfod1 rodfod1 yecbis blabis1 zanbis1 blwbis1
redbis orabis1 yelbis1 fatwid1 yeswid2 marwid1 whwwid1 recwid3 lotwid1 picmun1 moufir1 diafir1
reefir1 beafir1 crifin1 rebfir1 paifir1 stafin1 plhfin1 dobfin1 lotfin1 bltfin1 gyhsil1 broman1
magman1 bawman1 bawman3 madmun1 afrsil1 indsil sthmun2 nutman bltmun1 blfmun1 whrmun dusmun1
javmun1 trimun chemun whhmun1 blbmun1 snmmun1 gybmun1 gycmun1 gyhmun1 hoomun1 neimun1 motmun1
yermun1 chbmun1 blamun1 bismun1 goufin3 tabpar1 retpar3 fijpar1 reepar2 blfpar3 fepoli1 yebwax2
swewax1 swewax3 grbtwi1 ducwin1 abcwin1 rfcwin1 refant1 whbneg2 chbneg1 gyhneg1 rerwax1 blcwax1
lavwax bltwax1 cinwax1 blcwax2 kanwax1 orcwax anawax1 fabwax1 comwax bkrwax crrwax1 arawax1
quailf1 locust3 cutthr1 rehfin1 zebwax2 redava purgre2 viewax1 bubcor1 reccor blccor1 grablu1
wesblu1 rehblu1 lessee1 blbsee1 grwpyt1 orwpyt1 rewpyt1 dybtwi1 dustwi1 pettwi1 rebfir2 afffin
jamfir1 malfir1 rocfir1 blbfir1 babfir1 brnfir1 bkffir1 vilind purind1 bakind1 varind1 greind1
pawind1 jopind1 camind1 pitwhy stbwhy1 sttwhy1 rottan2 crebun1 slabun1 corbun1 yellow2 pinbun
rocbun1 godbun1 meabun1 chbbun1 gyhbun1 cinbun1 ortbun1 crebun2 cirbun1 houbun2 houbun3 lalbun1
cibbun1 gosbun1 capbun1 tribun1 chebun2 litbun yebbun1 rusbun yetbun1 sombun1 gobbun1 tibbun1
yelbun1 grybun palbun ocrbun1 reebun garwar1 abycat1 busbla1 afhbab1 afhbab3 barwar1 laywar2
banwar2 ruvwar2 smawhi1 leswhi4 humwhi1 brnwar1 yemwar1 reswar1 weowar2 eaowar2 afdwar1 asdwar1
triwar1 menwar1 ruewar1 cypwar1 sarwar1 subwar6 subwar8 easwar1 spewar2 marwar1 darwar1 lottit1
lottit5 blttit2 whttit1 bkbtit3 bkbtit4 bkbtit6 sootit1 pygtit1 wbtwar1 bushti woowar eabwar1
bubwar1 astwar2 yebwar3 brlwar1 chilew1 parwar1 siclew1 ganlew1 palwar5 tylwar1 yeswar1 radwar1
subwar2 y00989 smowar1 duswar pllwar2 butwar1 wlwwar mouchi2 caichi1 gyhcaf1 citcaf1 afbfly1
wtbfly1 wbcfly1 wtcfly1 fictit1 yebtit3 sultit1 bkbtit2 ruvtit2 coatit2 yebtit4 eletit2 paltit2
cretit2 gyctit1 britit oaktit juntit1 tuftit blctit4 vartit1 vartit4 vartit2 vartit3 whbtit4
somtit3 gyhchi chbchi borchi2 mexchi carchi bkcchi mouchi pedtit1 bkbtit1 martit2 sictit1
castit2 afbtit2 redwin eurbla yemthr1 islthr24 gywbla1 eurbla2 ticthr1 blbthr2 japthr1 gybthr1
eyethr palthr1 gysthr1 brhthr1 izuthr1 islthr1 tibbla1 whbthr2 rinouz1 datthr1 retthr1 dusthr2
dusthr1 chethr1 whcbla1 amerob blarob1 rucrob1 soorob1 relthr1 whcthr1 forthr1 mourob1 paethr1
lasthr1 chbthr2 plbthr2 chithr1 slathr2 glbthr1 blhthr1 grethr1 trepip olbpip pecpip rospip1
retpip amepip watpip1 rocpip1 nilpip1 uplpip1 berpip1 strpip1 yetpip1 shtpip1 buspip1 sokpip1
malpip1 yebpip2 alppip1 sprpip yelpip2 yelpip3 shbpip1 shbpip3 chapip1 corpip1 ocbpip1 helpip1
parpip1 przros1 brobul1 rehbul1 gyhbul2 gyhbul5 whcbul1 eurbul eurbul1 crwfin2 crwfin1 trufin2
monfin2 spefin1 gonfin1 dabros1 plmfin1 bhmfin1 asrfin1 gcrfin bkrfin bcrfin comros scafin1
strros1 greros1 blyros1 remros1 bearos1 chbros1 pirros1 pibros2 darros1 spwros2 spwros3 vinros2
vinros3 sinros1 palros3 tibros1 lotros1 palros2 thbros1 whbros1 cwbros1 refros1 crbfin3 mauala
akikik nihfin palila iiwi crehon apapan akiapo maupar aniani hawcre akekee akepa1 hawama oahama
kauama purfin casfin houfin rcgspa1 cantow whttow1 abetow caltow wegspa1 pregrs1 pregrs2 russpa1
rucspa oaxspa1 gnttow spotow eastow coltow1 rcbfin1 wnbfin1 yetfin1 yegfin1 mobfin1 moubru2
tebfin1 smbfin1 obbfin1 yehbrf1 dhbfin1 wrbfin1 whbfin1 rebfin1 tribrf1 trbfin1 slbfin2 pnbfin1
yebbrf1 yebbru1 wwbfin1 phbfin1 bcbfin1 rbbfin1 apubrf1 cuzbrf1 bkfbrf1 rnbfin1 fhbfin1 ysbfin1
wectan1 eactan1 bcptan1 grtwar1 whwwar1 purtan1 wesspi hisspi purspi wrenth1 yehwar1 oriwar1
yebcha yehbla boboli wesmea easmea rebbla1 whbbla2 permea1 lotmea1 pammea1 yebcac1 yewcac1
chhoro1 ruboro1 dugoro1 creoro1 greoro1 olioro1 monoro1 blaoro1 bauoro2 sobcac1 gowcac1 selcac1
ecucac1 yercac1 scrcac1 moucac1 batoro1 casoro2 rercac1 scoori yebori1 audori jamori1 oraori1
altori yelori1 bulori stbori blbori1 balori yetori1 spbori wheori1 camtro1 ventro1 orbtro3
bawori1 bkvori hooori bkcori orcori orcori3 graori2 graori3 marori1 graori4 graori1 orcori1
epaori4 epaori1 jambla1 yesbla1 tasbla tribla rewbla resbla1 scrcow1 giacow shicow brocow
brocow2 bnhcow scrbla1 armbab1 bacbab1 blabab2 dusbab2 sopbab1 harbab1 bklbab1 bkfbab1 norpib1
taihwa1 lenlau1 whclau2 blhlau1 whnlau1 grylau1 ruclau3 suklau1 ruclau1 spolau1 gialau1 barlau1
wynlau1 ruvlau1 whclau1 chhlau1 runlau1 chblau1 whblau1 maslau1 gnlthr pedlau1 chibub1 chibab2
giabab1 tibbab1 whtlau1 ruclau2 gyslau ruslau1 spothr1 dapthr1 gycill1 capsug1 gursug1 phifab1
ruckin firecr1 firecr3 gockin flamec1 goldcr1 spwbab1 yebhyl1 souhyl1 whhwre1 babwre1 grbwre1
stbwre2 faswre1 giawre1 bicwre1 runwre1 runwre3 runwre4 spowre1 bouwre1 yucwre1 thlwre1 gymwre1
tobwre1 rocwre canwre sumwre1 navwre1 rufwre1 shawre1 perwre1 fulwre1 sedwre1 merwre1 apowre1
sedwre marwre bewwre zapwre1 bltwre1 incwre1 mouwre2 whiwre1 corwre1 hapwre1 spbwre1 rubwre1
spbwre2 banwre1 rawwre1 antwre2 nicwre1 sinwre1 plawre1 plawre3 istwre1 cibwar1 gryemt1 bretai1
jrswar1 afbwar1 wwswar1 grswar1 hirwar2 bkcdon whtoxy1 lobber1 crywar1 wetjer2 thamno2 spetet1
apptet1 dustet1 gyctet1 yeboxy1 ranwar1 comjer1 grejer1 sttjer1 refcis1 sincis1 whicis1 tricis1
chacis1 bubcis1 huncis1 chucis1 bllcis1 rolcis2 ratcis1 borcis1 chucis2 ashcis1 grycis1 rehcis2
waicis1 waicis2 wincis2 wincis3 wincis4 wincis6 wincis5 chicis1 carcis1 tincis1 stocis1 abecis1
crocis1 dorcis1 tincis3 sifcis1 rufcis1 foxcis1 pipcis2 tabcis1 zitcis1 soccis1 madcis2 descis1
clocis1 clscis1 pepcis1 paccis1 wiscis1 gohcis1 socwar2 strpri2 strpri8 bropri1 brnpri2 brnpri3
hilpri1 hilpri2 gycpri1 rufpri2 rufpri1 gybpri1 grapri1 delpri1 junpri1 bawpri1 yebpri1 ashpri1
tafpri1 plapri1 palpri1 rivpri1 blcpri1 karpri1 drapri1 banpri1 banpri3 rewpri1 refwar2 whcpri2
silpri2 nampri1 robpri1 minmib1 grnlon1 blcapa2 ruwapa1 crilon1 bubwar2 batapa2 batapa3 batapa4
rudapa1 yebapa2 yebapa1 masapa1 blfapa1 bltapa1 whwapa1 blcapa1 blhapa1 chiapa1 chtapa3 chaapa1
shaapa2 butapa1 karapa1 gosapa1 gryapa1 brhapa1 ruewar2 oriwar2 gycwar3 grbcam1 gnbcam3 yebcam1
olgcam1 grywrw1 miowrw2 miowrw3 bawwar1 kopwar1 bkcruw1 bkfruw1 mrmwar1 mrmwar3 comtai1 dantai1
camtai1 phitai1 ruftai1 gybtai1 ruttai1 ashtai1 olbtai1 whetai1 whbtai1 yebtai1 lobtai1 afrtai2
whtwar1 yebere1 salere1 yevere1 senere1 grbere1 greere1 yerere1 bunere1 rucere1 turere1 blnere1
shtwhy1 eapwhy1 nopwhy1 ltpwhy1 btpwhy1 oliwar alpacc1 himacc1 robacc1 rubacc1 sibacc broacc1
radacc2 bltacc1 monacc1 dunnoc1 japacc1 mabacc1 forwag1 eaywag1 eaywag citwag capwag1 madwag1
grywag mouwag1 whiwag afpwag1 mekwag1 japwag1 whbwag1 shalon1 abylon1 fuelon2 ortlon1 yetlon1
panlon1 rotlon1 ricpip1 oripip1 auspip2 auspip3 afrpip1 moupip1 blypip1 tawpip1 lobpip1 lobpip7
woopip1 bufpip1 plbpip1 lolpip1 meapip1 dausta1 chcsta1 whssta2 chtsta2 whhsta2 malsta1 brasta1
whfsta2 rossta2 eursta sposta1 watsta1 bbgsta1 phgsta1 ctgsta1 capgls1 gbesta1 lbesta1 btgsta1
spgsta1 pugsta1 ruegls1 ltgsta1 gobsta5 megsta1 bugsta1 stgsta1 supsta1 hilsta1 shesta1 chbsta1
ashsta2 fissta1 afpsta1 whcsta3 madsta1 vibsta2 rewsta1 slbsta1 chwsta1 walsta1 somsta1 trista1
pawsta1 brcsta1 whbsta1 neusta1 stusta1 kensta1 natsta1 shasta2 abbsta2 whcsta2 magsta1 babsta1
stsrha2 stbrha1 yeboxp1 reboxp1 moublu wesblu easblu fifthr1 rufthr1 wtathr1 rtathr1 boucha1
brbsol1 slcsol1 towsol puaioh omao cubsol1 rutsol1 blfsol1 varsol1 andsol1 sulthr1 fruith1
purcoc1 grecoc1 varthr aztthr rubsol1 blasol1 whesol1 misthr1 afrthr1 abythr1 olithr2 kurthr1
comthr1 abethr1 karthr1 chibla1 balwar1 fitmyz1 rutbab1 gobful1 yeebab1 jerbab1 beibab1 speful1
indful1 chiful1 whbful1 ludful1 sttful2 sttful1 taiful1 wrenti reepar3 blbpar2 spbpar1 grepar1
bropar1 thtpar1 gyhpar3 bkhpar1 ruhpar3 ruhpar2 shtpar3 fulpar1 bltpar1 golpar2 spepar2 gyhpar4
brwpar2 vitpar1 astpar1 rutpar2 whcyuh1 chcyuh1 stryuh1 indyuh1 blcyuh1 taiyuh1 whiyuh1 buryuh1
whnyuh1 sttyuh1 ruvyuh1 fltbab1 vispyb1 pygbab1 rucbab3 bkcbab3 pasbab1 chfbab1 nesbab1 giweye1
gyhwhe1 pyweye1 minwhe1 sthwhe1 whbwhe1 dacwhe1 timwhe1 flowhe1 ysweye1 bonhon1 ceywhe1 yelwhe1
bkcwhe1 wbweye1 whbwhe3 brrwhe9 cfweye1 swiwhe1 mouble1 warwhe1 loweye2 coweye1 reuwhe1 mauwhe1
maswhe2 maswhe3 afywhe1 afywhe3 brrwhe8 heuwhe2 brrwhe3 abywhe1 anweye1 brrwhe4 afywhe2 capwhe6
capwhe2 afywhe4 peweye1 seywhe1 madwhe1 kirwhe1 maywhe1 bcweye2 bkrwhe1 bfweye1 wtweye1 crtwhe2
crtwhe1 burwhe1 serwhe1 asbwhe1 ayweye3 silver3 humwhe1 sanwhe2 evweye1 baweye2 sacwhe1 capwhe3
capwhe8 yfweye1 vanwhe1 laweye1 bhweye1 biweye1 gytwhe2 gytwhe1 yapwhe1 duweye1 koswhe1 rotwhe1
ytweye1 ngweye1 ambwhe1 grkwhe1 spweye2 likwhe1 gaweye1 soiwhe3 brweye1 ciweye1 loweye1 kulwhe1
llweye1 sbweye1 slweye1 gnbwhe1 chcbab1 tabbab1 dafbab1 gyftib1 gyctib1 sttbab1 bostib1 fbtbab1
brtbab1 golbab1 chwbab1 chwbab3 crcbab1 rufbab2 blcbab2 rucbab1 bucbab1 rtwbab1 miswrb1 bwwbab1
patwrb1 ltwbab1 chhwrb1 tbwbab1 gybwrb1 blalau1 bahlau1 cobscb1 rbsbab1 sbsbab1 sbsbab3 taiscb1
wbsbab1 insbab1 srlscb1 chbscb2 chbscb1 lasbab1 rcsbab1 spbscb1 bksscb1 gysscb1 sbsbab2 bltbab1
whbbab2 chrbab1 gytbab1 gyhbab1 nonbab1 soobab1 wbwbab1 chbbab1 whnbab1 whbbab1 sntbab1 spnbab1
rurgra1 chigra1 lawbab1 mawbab1 btwbab1 socbab1 gybbab1 sccbab1 rucbab2 moubab1 palbab1 whhbab2
colbab1 yetful1 ruwful1 bkcful1 gofful2 rutful1 rucful1 dusful1 putbab1 bncbab1 marbab2 bkcbab1
blcbab1 shtbab1 ashbab1 sptbab1 bubbab1 sumbab1 tembab1 whcbab1 ferbab1 sulbab1 ruvpri1 swapri1
broill1 pabill1 pabill3 mouill1 blaill1 scbill1 thrbab1 puvill1 ruwill1 stwbab3 abbbab1 horbab2
mowbab1 stwbab1 limwrb4 limwrb2 limwrb3 rbwbab1 stwbab2 bowbab1 fawbab1 eywbab1 lbwbab1 sumwrb1
whtwrb1 namscb1 stsbab1 brcful1 bkbful1 broful1 javful1 nepful1 gycful3 gycful5 gycful1 gycful4
mouful1 strlau2 cutia1 viecut1 scalau1 brclau1 blwlau1 strlau1 bhulau1 strlau3 varlau1 blflau1
whwlau1 prhlau1 elllau1 retlau1 chclau2 asslau1 rewlau1 sielau1 mallau1 bkclau1 bkclau2 kerlau2
lotsib1 whesib1 rufsib1 beasib1 grysib1 blbsib1 blhsib1 hotbar1 taibar1 sttbar1 strbar1 blwmin1
chtmin1 rufbar1 spebar1 bkcbar1 retmin1 rubsib1 stelio1 reflio2 reflio3 lagbab2 ashlau1 slbbab1
rufbab3 orbbab1 junbab2 yebbab1 rufcha2 scacha1 irabab1 combab1 combab3 fulcha1 arabab1 strbab1
whtbab1 spibab1 capbab1 wtmbab1 brobab1 whrbab2 hipbab1 scabab2 tanfin1 ytbtan1 shbbut1 atbtan1
scbtan1 cobtan1 tabtan1 dubtan1 tumspa1 stcspa2 stcspa3 ruwspa citspa1 sthspa1 blcspa1 brispa1
botspa casspa bacspa graspa graspa1 yebspa1 olispa grbspa1 blsspa1 tocspa1 fisspa bktspa larspa
larbun chispa clcspa bkcspa fiespa brespa worspa sthbrf4 sthbrf5 sthbrf3 sthbrf1 sthbrf8 sthbrf2
orbspa1 blcspa2 gowspa1 pecspa1 safspa1 hacspa1 sabspa4 sabspa1 gsbfin1 ccbfin soffin1 olifin1
foxsp2 foxsp3 foxsp4 foxspa amtspa voljun1 daejun yeejun yeejun2 rucspa1 whcspa gocspa harspa
whtspa sagspa1 belspa2 strspa1 vesspa lecspa seaspa nstspa sstspa baispa henspa savspa simspa1
sonspa linspa swaspa laffin1 zapspa1 whcbul2 whsbul1 blfbul1 combul4 combul5 combul6 capbul1
afrmar2 sqtsaw1 blksaw1 whhsaw1 banmar1 bramar1 masmar1 banswa pasmar1 plamar1 gytmar1 treswa
vigswa whrswa1 chiswa1 tumswa1 manswa1 whwswa1 whbswa2 blcswa1 whtswa1 bawswa1 blcswa2 tahswa2
pafswa1 brbswa1 andswa2 nrwswa srwswa1 brcmar1 permar1 purmar soumar gybmar cubmar carmar1
gyrswa1 whbswa3 eurcrm1 rocmar1 rocmar2 duscrm1 barswa1 piwswa1 pebswa1 pacswa1 pacswa3 welswa1
whtswa3 witswa1 wtbswa1 barswa angswa1 recswa1 ethswa1 cohmar1 comhom2 nephom1 ashmar1 rucswa2
mosswa2 lessts1 grests1 rerswa1 srlswa1 strswa2 rubswa1 cliswa cavswa chcswa2 preswa2 retswa2
soaswa2 sttswa2 faimar2 tremar2 chicup1 taiwrb1 immwrb1 pywbab1 mogwar1 capgra1 damroc1 yellon1
kemlon1 grylon1 pullon1 krelon1 norcro1 refcro1 capcro1 reccro1 grecro1 lebcro1 whbcro2 viswar1
yebwar1 rufwar1 blfwar1 moutai2 ruhtai2 brbwar1 phbwar1 jabwar manbuw1 pabwar1 tabwar1 shawar1
odedi1 fibwar1 bfbwar1 yebbuw2 ybbwar1 subwar4 abbwar1 gybtes1 ructes1 javtes1 cetwar1 ccbwar1
gysbuw1 chhtes1 asistu1 borstu1 timstu1 neuwar1 stswar1 yelfly2 chcfly1 livfly1 grehyl1 tithyl1
atlfly1 rucfly3 barfly1 rucfly1 furfly1 palfly1 sumfly1 blbfly2 lisfly1 rutfly7 bunfly1 lomfly1
damfly1 alsred1 rubred2 bucred1 blared1 comred2 hodred1 whtred1 daured1 moured1 whwred2 blfred1
plured1 whcred1 wwccha1 carthr1 serthr1 strthr1 mirthr1 rtrthr1 lirthr1 burthr cbrthr1 bcrthr1
wtrthr1 litrot1 forrot2 whinch1 whbbus4 whtbus1 caisto1 stonec4 sibsto1 stonec7 afrsto1 stonec6
reusto1 whtsto2 piebus1 jerbus1 grybus1 timbus1 busbus1 siccha1 karcha1 moocha1 moccha1 soocha1
noacha1 soacha1 ruecha1 mouwhe1 whbcha2 ruacha1 norwhe norwhe3 capwhe1 rebwhe2 heuwhe1 isawhe1
hoowhe1 deswhe1 bkewhe1 bkewhe2 cypwhe1 piewhe1 wfbcha1 rerwhe1 blacks1 famcha1 brtcha1 somcha1
indcha1 varwhe1 blawhe1 mouwhe4 whtwhe1 humwhe2 finwhe1 mouwhe6 mouwhe2 mouwhe7 mouwhe5 retwhe3
retwhe2 hercha1 grcfly3 whtdip1 brodip1 amedip whcdip1 rutdip1 philea1 yetlea1 leglea1 blwlea1
borlea1 jerlea1 goflea1 orblea1 orblea3 olbflo1 yebflo2 crbflo1 palflo1 yerflo1 scbflo2 speflo1
gorflo1 thbflo1 thbflo3 whiflo1 yevflo1 yebflo1 whtflo1 yesflo1 olcflo1 bicflo1 resflo1 rekflo1
sccflo1 cebflo1 orbflo1 whbflo1 pabflo1 plaflo1 plaflo2 andflo1 pygflo1 crcflo1 flbflo2 flbflo3
ashflo1 olcflo2 recflo1 louflo1 rebflo1 midflo1 motflo1 blfflo1 recflo2 mistle1 gysflo1 blsflo1
fibflo2 blbflo1 scbflo1 schflo1 rucsun2 sctsun2 gyhsun1 plbsun1 ancsun1 plasun1 pltsun2 retsun3
mobsun1 wvbsun1 kvbsun1 ligsun2 gresun1 grnsun2 bansun1 colsun2 pygsun2 nivsun2 amasun2 reisun2
orbsun2 gnhsun1 btbsun2 camsun2 buhsun1 eaosun1 mocsun2 butsun2 carsun2 gntsun1 amesun2 sccsun2
hunsun2 socsun2 pursun3 crbsun2 putsun3 vahsun1 blksun1 cotsun2 bocsun2 tacsun1 brosun1 malsun1
retsun2 gowsun2 olbsun3 tinsun2 miosun3 miosun2 sdcsun3 neesun2 stusun1 mdcsun3 ndcsun2 gdcsun2
regsun2 edcsun3 edcsun4 morsun2 lovsun3 beasun2 marsun2 shesun2 recsun2 bkbsun1 pubsun4 tsasun1
pemsun2 ortsun3 palsun2 shisun3 splsun2 johsun2 supsun2 ruwsun2 oussun2 whbsun2 varsun2 dussun2
urssun2 batsun2 copsun2 pursun4 yebdac1 turdac1 blfdac1 bkfdac1 blldac1 whbdac1 mccfin1 bltsal1
orisal1 grwsal1 grasal2 grasal4 grasal3 strsal1 butsal1 blwsal1 blhsal1 blcsal1 bltgro2 slcgro1
massal1 thbsal1 gobsal1 banana yefgra1 orange1 purbul1 grabul1 cubbul1 yesgra1 barbul1 leabul1
bkfgra soogra2 ducgra2 warfin1 grywaf1 vegfin2 metfin1 woofin1 smtfin1 latfin1 smgfin1 larcaf2
lagfin1 cocfin3 megfin1 blbgra1 bawtan1 cobtan2 ructan4 grhtan1 blgtan1 flctan1 whstan1 yectan1
pilfin1 recfin1 fuctan1 tactan1 whltan1 restan1 ructan1 crbfin1 wwstan1 fustan1 btstan1 wtstan1
crctan1 flrtan1 flrtan3 y00599 bratan1 crbtan1 mactan1 bkbtan1 lessee2 linsee1 whcsee2 whcsee1
varsee3 grysee1 wibsee1 whnsee1 caqsee1 bawsee1 docsee1 yebsee1 dubsee1 tbsfin1 cbsfin nisfin1
gbsfin1 lbsfin1 bbsfin1 slcsee1 temsee1 bufsee1 plusee1 trosee1 rucsee1 whtsee1 whbsee1 pabsee1
chtsee1 chbsee1 rubsee1 capsee1 batsee2 tabsee1 datsee1 pebsee1 rursee1 chesee1 marsee1 blbsee2
cinfin1 slbfin3 gyhbut1 blhhem1 bowfin1 barwaf1 barwaf2 cowfin1 tumfin1 comfin1 rubhem1 gychem1
blchem1 bkchem2 orbhem1 olehem1 blehem1 bkehem3 bkehem1 fuhtan1 bubtan1 orhtan1 chhtan1 raytan1
suphem1 ructan3 brftan1 bcwfin1 ltrfin1 whrtan1 rswfin1 cbmfin1 bbbtan1 pardus2 rrwfin1 gytwaf1
rbwfin2 ptwfin1 riwfin1 thshem1 bcwfin2 ciwfin1 pebcon1 biccon1 chvcon1 whecon1 capcon1 giacon1
blbcon1 whbcon1 tamcon1 rubcon1 cincon1 styfin1 sutfin1 bryfin1 saffin ofyfin1 gryfin1 chyfin1
payfin1 gryfin3 monyef1 gryfin2 rayfin1 puyfin1 gyhsif1 pasfin1 bhsfin1 pesfin1 wilfin3 nigfin3
cawfin1 yebfin1 absfin1 plsfin1 unifin1 slafin1 pebfin1 tildac1 rbsfin1 wtsfin1 wwdfin1 shtfin1
batsee1 plcsee1 parsee1 debflo1 bluflo1 masflo1 indflo1 rusflo1 slaflo1 cibflo1 mouflo1 gloflo1
chbflo1 greflo1 whsflo1 gybflo1 bktflo1 merflo1 blkflo1 vertan1 pumtan2 yettan1 goctan3 yestan1
goctan4 fabtan1 baytan3 rubsal1 bbmtan1 cbmtan1 homtan1 blctan2 mamtan1 grgtan1 bcmtan1 gbmtan1
bwmtan1 bcmtan2 bkcmot1 sbmtan1 lamtan1 glgtan1 multan1 oretan1 orttan1 ygbtan1 gortan1 mobtan1
goctan1 eurnut1 rebcho1 yebcho1 piapia1 eurjac daujac1 houcro1 neccro1 bancro1 slbcro1 slbcro4
slbcro3 pipcro1 flocro1 marcro1 lobcro1 guacro1 boucro1 brhcro1 grycro1 capcro2 rook1 amecro
tamcro sincro1 fiscro palcro2 cupcro1 jamcro1 cubcro1 whncro1 carcro1 hoocro1 colcro1 labcro1
labcro4 labcro3 torcro2 torcro3 litcro1 forrav1 litrav1 ausrav1 brnrav1 somcro2 comrav chirav
fatrav1 whnrav1 thbrav1 whwcho1 apostl1 lesmel1 gremel1 bucifr1 parcro1 paradi3 glmman2 crcman2
cucman1 truman1 lotpar1 splast1 ritast1 prsast1 huoast1 wespar1 carpar1 lawpar1 wahpar1 kospar1
grsbop1 vosbop1 parrif1 vicrif1 magrif3 magrif2 blasic1 brosic1 blbsic1 pabsic1 mbopar2 wbopar1
kbopar1 walsta2 twwbop1 gbopar2 rbopar1 lbopar1 rbopar2 ebopar1 bbopar1 whfrob1 payrob1 whbrob1
yelrob1 gybrob1 olyrob1 hoorob1 dusrob1 whwrob2 smorob2 bugrob1 whrrob2 manrob1 blcrob1 blsrob2
whbrob2 bltrob1 gyhrob1 ashrob2 gyhrob2 papscr2 nosrob1 sosrob1 lebfly3 gobfly2 jacwin1 torfly1
yebrob1 yelfly4 olifly3 canfly2 garrob1 rosrob1 pinrob1 snmrob1 alprob1 flarob1 pacrob3 pacrob1
pacrob2 scarob2 recrob1 tomtit1 nezrob2 nezrob3 charob1 grbrob1 grgrob1 legrob1 whnroc1 rufroc1
orbroc1 marbab1 bohwax japwax1 cedwax bayfly1 grsfly1 ltsfly1 phaino hypoco1 palmch1 olfwhi1
yebfan1 faifly1 eurgre1 origre origre6 yebgre4 viegre2 bkhgre1 desfin2 gowgro2 orifin1 afrcit1
wescit1 soucit1 blfcan1 papcan1 forcan1 whrsee bltcan1 yerser1 reisee2 olrser1 yetser1 salser1
yefcan whbcan1 ankser2 yemser1 capsis2 drasis2 norgrc1 sougrc1 yelcan1 brican1 sthsee2 sthsee3
blesee1 brrsee1 whtcan1 thbsee1 strsee1 tansee1 procan1 twite1 eurlin1 yemlin1 comred lesred1
hoared parcro2 scocro1 reblei melthr
""")


CLASSES = {"POW": POW, "PER": PER, "NES": NES, "UHH": UHH, "HSN": HSN, "NBP": NBP, "SSW": SSW, "SNE": SNE,
           "XCM": XCM, "XCL": XCL}
