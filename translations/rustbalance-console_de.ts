<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>FleetText</name>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Opening SSH tunnel</source>
        <translation>SSH-Tunnel wird geöffnet</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbindung wird hergestellt</translation>
    </message>
    <message>
        <source>Authenticating</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Waiting to reconnect</source>
        <translation>Warte auf erneute Verbindung</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Keychain: not asked yet</source>
        <translation>Schlüsselbund: noch nicht abgefragt</translation>
    </message>
    <message>
        <source>Keychain: no master key stored</source>
        <translation>Schlüsselbund: kein Hauptschlüssel gespeichert</translation>
    </message>
    <message>
        <source>Keychain: locked</source>
        <translation>Schlüsselbund: gesperrt</translation>
    </message>
    <message>
        <source>Keychain: master key loaded</source>
        <translation>Schlüsselbund: Hauptschlüssel geladen</translation>
    </message>
    <message>
        <source>Keychain: error</source>
        <translation>Schlüsselbund: Fehler</translation>
    </message>
    <message>
        <source>First descriptor</source>
        <translation>Erster Deskriptor</translation>
    </message>
    <message>
        <source>Second descriptor</source>
        <translation>Zweiter Deskriptor</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>SSH host key not yet accepted — Fleet → Verify SSH host key…</source>
        <translation>SSH-Host-Schlüssel noch nicht akzeptiert — Flotte → SSH-Host-Schlüssel prüfen…</translation>
    </message>
    <message>
        <source>SSH host key CHANGED — refused</source>
        <translation>SSH-Host-Schlüssel GEÄNDERT — verweigert</translation>
    </message>
    <message>
        <source>SSH login refused — check the key in your ssh-agent</source>
        <translation>SSH-Anmeldung verweigert — prüfen Sie den Schlüssel in Ihrem ssh-agent</translation>
    </message>
</context>
<context>
    <name>Intro2Diagnosis</name>
    <message>
        <source>Onionbalance instance option is off</source>
        <translation>Onionbalance-Instanzoption ist aus</translation>
    </message>
    <message>
        <source>The node does not have HiddenServiceOnionbalanceInstance set, so it only accepts introductions made with its own descriptor&apos;s time period. Clients using the merged descriptor of the other period are rejected (%1 rejected so far).</source>
        <translation>Auf dem Knoten ist HiddenServiceOnionbalanceInstance nicht gesetzt, daher nimmt er nur Introductions an, die mit der Zeitperiode seines eigenen Deskriptors gemacht wurden. Clients, die den zusammengeführten Deskriptor der anderen Periode verwenden, werden abgewiesen (bisher %1 abgewiesen).</translation>
    </message>
    <message>
        <source>Add &apos;HiddenServiceOnionbalanceInstance 1&apos; to the service&apos;s section of torrc and restart tor (a reload is not enough).</source>
        <translation>Fügen Sie &apos;HiddenServiceOnionbalanceInstance 1&apos; im Abschnitt des Dienstes in der torrc hinzu und starten Sie tor neu (ein Reload genügt nicht).</translation>
    </message>
    <message>
        <source>Onionbalance instance option needs a restart</source>
        <translation>Onionbalance-Instanzoption braucht einen Neustart</translation>
    </message>
    <message>
        <source>HiddenServiceOnionbalanceInstance was turned on by a reload. Tor then keeps an empty list of master subcredentials until the next period and rejects every introduction (%1 rejected so far; tor logs &quot;Non-fatal assertion !(!service-&gt;state.ob_subcreds)&quot;).</source>
        <translation>HiddenServiceOnionbalanceInstance wurde per Reload eingeschaltet. Tor behält dann bis zur nächsten Periode eine leere Liste der Master-Subcredentials und weist jede Introduction ab (bisher %1 abgewiesen; tor protokolliert &quot;Non-fatal assertion !(!service-&gt;state.ob_subcreds)&quot;).</translation>
    </message>
    <message>
        <source>Restart tor on this node (systemctl restart tor), not reload.</source>
        <translation>Starten Sie tor auf diesem Knoten neu (systemctl restart tor), kein Reload.</translation>
    </message>
    <message>
        <source>The node has no ob_config file in its HiddenServiceDir, so tor does not know the master address and cannot accept introductions for it (%1 rejected so far).</source>
        <translation>Der Knoten hat keine ob_config-Datei in seinem HiddenServiceDir, daher kennt tor die Master-Adresse nicht und kann keine Introductions für sie annehmen (bisher %1 abgewiesen).</translation>
    </message>
    <message>
        <source>The node&apos;s ob_config names %1, but the master address is %2. Tor derives the wrong subcredentials and rejects introductions (%3 rejected so far).</source>
        <translation>Die ob_config des Knotens nennt %1, die Master-Adresse ist aber %2. Tor leitet die falschen Subcredentials ab und weist Introductions ab (bisher %3 abgewiesen).</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>keine Adresse</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>ob_config is wrong</source>
        <translation>ob_config ist falsch</translation>
    </message>
    <message>
        <source>Write &apos;MasterOnionAddress %1&apos; to &lt;HiddenServiceDir&gt;/ob_config and restart tor.</source>
        <translation>Schreiben Sie &apos;MasterOnionAddress %1&apos; in &lt;HiddenServiceDir&gt;/ob_config und starten Sie tor neu.</translation>
    </message>
    <message>
        <source>&lt;master&gt;.onion</source>
        <translation>&lt;master&gt;.onion</translation>
    </message>
    <message>
        <source>Time period far off</source>
        <translation>Zeitperiode weit daneben</translation>
    </message>
    <message>
        <source>The node&apos;s descriptor is for time period %1, but the published descriptor is for period %2. Even an Onionbalance instance only accepts the neighbouring periods, so the node&apos;s clock or consensus is wrong.</source>
        <translation>Der Deskriptor des Knotens gilt für Zeitperiode %1, der veröffentlichte Deskriptor aber für Periode %2. Selbst eine Onionbalance-Instanz akzeptiert nur die benachbarten Perioden, also sind Uhr oder Konsens des Knotens falsch.</translation>
    </message>
    <message>
        <source>Check the node&apos;s clock (NTP) and that tor has a fresh consensus, then reconnect it.</source>
        <translation>Prüfen Sie die Uhr des Knotens (NTP) und ob tor einen aktuellen Konsens hat, und verbinden Sie ihn dann neu.</translation>
    </message>
    <message>
        <source>Intro points in the other period</source>
        <translation>Intro-Points in der anderen Periode</translation>
    </message>
    <message>
        <source>The node&apos;s intro points belong to its descriptor for period %1, but they are also published in the descriptor for period %2. Without a working Onionbalance instance configuration tor rejects introductions made through the other period (%3 rejected so far).</source>
        <translation>Die Intro-Points des Knotens gehören zu seinem Deskriptor für Periode %1, werden aber auch im Deskriptor für Periode %2 veröffentlicht. Ohne funktionierende Onionbalance-Instanzkonfiguration weist tor Introductions über die andere Periode ab (bisher %3 abgewiesen).</translation>
    </message>
    <message>
        <source>Fix the node&apos;s Onionbalance instance configuration; until then publish again so the merged descriptors are rebuilt from the node&apos;s current descriptor.</source>
        <translation>Korrigieren Sie die Onionbalance-Instanzkonfiguration des Knotens; veröffentlichen Sie bis dahin erneut, damit die zusammengeführten Deskriptoren aus dem aktuellen Deskriptor des Knotens neu gebaut werden.</translation>
    </message>
    <message>
        <source>The node&apos;s intro points are published for period %1 while its own descriptor is for period %2. An Onionbalance instance accepts both, so this is probably not the cause.</source>
        <translation>Die Intro-Points des Knotens werden für Periode %1 veröffentlicht, sein eigener Deskriptor gilt für Periode %2. Eine Onionbalance-Instanz akzeptiert beide, daher ist das wahrscheinlich nicht die Ursache.</translation>
    </message>
    <message>
        <source>Publish again; if rejections continue, look at the other causes.</source>
        <translation>Erneut veröffentlichen; wenn weiter abgewiesen wird, die anderen Ursachen prüfen.</translation>
    </message>
    <message>
        <source>Node publishes its own descriptor</source>
        <translation>Knoten veröffentlicht seinen eigenen Deskriptor</translation>
    </message>
    <message>
        <source>PublishHidServDescriptors is not 0 on this node, so it uploads its own descriptor (only its own intro points) to the same HSDirs and races the merged descriptor. Clients then see only this node, or a descriptor the others do not match.</source>
        <translation>PublishHidServDescriptors ist auf diesem Knoten nicht 0, daher lädt er seinen eigenen Deskriptor (nur mit seinen Intro-Points) zu denselben HSDirs hoch und konkurriert mit dem zusammengeführten Deskriptor. Clients sehen dann nur diesen Knoten oder einen Deskriptor, zu dem die anderen nicht passen.</translation>
    </message>
    <message>
        <source>Set &apos;PublishHidServDescriptors 0&apos; in torrc and restart tor (a reload does not stop uploads reliably); then publish again.</source>
        <translation>Setzen Sie &apos;PublishHidServDescriptors 0&apos; in der torrc, starten Sie tor neu (ein Reload stoppt die Uploads nicht zuverlässig) und veröffentlichen Sie dann erneut.</translation>
    </message>
    <message>
        <source>No merged descriptor has been published yet, so clients cannot reach the service through the master address.</source>
        <translation>Es wurde noch kein zusammengeführter Deskriptor veröffentlicht, daher erreichen Clients den Dienst nicht über die Master-Adresse.</translation>
    </message>
    <message>
        <source>The merged descriptor was published %1 minutes ago; HSDirs drop it after %2 minutes, so clients may not find the service at all.</source>
        <translation>Der zusammengeführte Deskriptor wurde vor %1 Minuten veröffentlicht; HSDirs verwerfen ihn nach %2 Minuten, Clients finden den Dienst dann womöglich gar nicht.</translation>
    </message>
    <message>
        <source>The merged descriptor was published %1 minutes ago; it should be republished at least every %2 minutes.</source>
        <translation>Der zusammengeführte Deskriptor wurde vor %1 Minuten veröffentlicht; er sollte mindestens alle %2 Minuten neu veröffentlicht werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n of the node&apos;s established intro point(s) are not in the published descriptor, so clients cannot use them.</source>
        <translation>
            <numerusform>%n aufgebauter Intro-Point des Knotens ist nicht im veröffentlichten Deskriptor, Clients können ihn nicht nutzen.</numerusform>
            <numerusform>%n aufgebaute Intro-Points des Knotens sind nicht im veröffentlichten Deskriptor, Clients können sie nicht nutzen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Published descriptor is stale</source>
        <translation>Veröffentlichter Deskriptor ist veraltet</translation>
    </message>
    <message>
        <source>Publish now.</source>
        <translation>Jetzt veröffentlichen.</translation>
    </message>
    <message>
        <source>Published intro points are gone</source>
        <translation>Veröffentlichte Intro-Points sind weg</translation>
    </message>
    <message numerus="yes">
        <source>Clients introduce themselves at intro points the node no longer has (%1 unknown auth key rejections; %n published intro point(s) of this node are no longer in its descriptor). Intro points rotate; the merged descriptor must follow.</source>
        <translation>
            <numerusform>Clients melden sich an Intro-Points, die der Knoten nicht mehr hat (%1 Abweisungen wegen unbekanntem Auth-Key; %n veröffentlichter Intro-Point dieses Knotens ist nicht mehr in seinem Deskriptor). Intro-Points rotieren; der zusammengeführte Deskriptor muss folgen.</numerusform>
            <numerusform>Clients melden sich an Intro-Points, die der Knoten nicht mehr hat (%1 Abweisungen wegen unbekanntem Auth-Key; %n veröffentlichte Intro-Points dieses Knotens sind nicht mehr in seinem Deskriptor). Intro-Points rotieren; der zusammengeführte Deskriptor muss folgen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Publish now so the merged descriptor lists the node&apos;s current intro points.</source>
        <translation>Jetzt veröffentlichen, damit der zusammengeführte Deskriptor die aktuellen Intro-Points des Knotens enthält.</translation>
    </message>
    <message>
        <source>Replayed introductions</source>
        <translation>Wiederholte Introductions</translation>
    </message>
    <message>
        <source>The node saw %1 INTRODUCE2 cell(s) it had seen before. A few come from clients retrying; many mean someone replays cells, which tor rejects safely.</source>
        <translation>Der Knoten hat %1 INTRODUCE2-Zelle(n) erhalten, die er schon kannte. Einige stammen von Clients, die es erneut versuchen; viele bedeuten, dass jemand Zellen wiederholt, was tor sicher abweist.</translation>
    </message>
    <message>
        <source>Nothing to fix unless the count keeps growing; then consider proof-of-work defenses (HiddenServicePoWDefensesEnabled 1).</source>
        <translation>Nichts zu tun, solange die Zahl nicht weiter wächst; dann Proof-of-Work-Abwehr erwägen (HiddenServicePoWDefensesEnabled 1).</translation>
    </message>
    <message>
        <source>Subcredential mismatch</source>
        <translation>Subcredential passt nicht</translation>
    </message>
    <message>
        <source>The node rejected %1 introduction(s) for a wrong subcredential, and its configuration looks right. The published descriptor probably carries intro points under another period&apos;s keys.</source>
        <translation>Der Knoten hat %1 Introduction(s) wegen eines falschen Subcredentials abgewiesen, seine Konfiguration sieht aber richtig aus. Der veröffentlichte Deskriptor enthält vermutlich Intro-Points unter den Schlüsseln einer anderen Periode.</translation>
    </message>
    <message>
        <source>Publish now; if rejections continue, reconnect the node to re-check its configuration.</source>
        <translation>Jetzt veröffentlichen; wenn weiter abgewiesen wird, den Knoten neu verbinden, um seine Konfiguration erneut zu prüfen.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>User interface language (e.g. de, fr, en); default: the system&apos;s.</source>
        <translation>Sprache der Oberfläche (z. B. de, fr, en); Standard: die des Systems.</translation>
    </message>
    <message>
        <source>Show a simulated fleet of &lt;nodes&gt; nodes (no network).</source>
        <translation>Eine simulierte Flotte mit &lt;nodes&gt; Knoten zeigen (ohne Netzwerk).</translation>
    </message>
    <message>
        <source>Open a descriptor file in the inspector.</source>
        <translation>Eine Deskriptordatei im Inspektor öffnen.</translation>
    </message>
    <message>
        <source>No translation for &apos;%1&apos;; using English.</source>
        <translation>Keine Übersetzung für &apos;%1&apos;; Englisch wird verwendet.</translation>
    </message>
    <message>
        <source>--demo needs a number of nodes between 1 and 1000.</source>
        <translation>--demo braucht eine Knotenzahl zwischen 1 und 1000.</translation>
    </message>
    <message>
        <source>Use the fleet configuration &lt;file&gt; instead of the default one.</source>
        <translation>Die Flottenkonfiguration &lt;file&gt; statt der voreingestellten verwenden.</translation>
    </message>
    <message>
        <source>With no fleet configured, show the empty console instead of starting the lab network.</source>
        <translation>Ohne konfigurierte Flotte die leere Konsole zeigen, statt das Labornetz zu starten.</translation>
    </message>
    <message>
        <source>Onion-service nodes of the lab network (1-16, default 3).</source>
        <translation>Onion-Dienst-Knoten des Labornetzes (1-16, Standard 3).</translation>
    </message>
    <message>
        <source>--lab-nodes needs a number between 1 and 16.</source>
        <translation>--lab-nodes braucht eine Zahl zwischen 1 und 16.</translation>
    </message>
    <message>
        <source>--demo cannot be combined with --fleet or --no-lab.</source>
        <translation>--demo kann nicht mit --fleet oder --no-lab kombiniert werden.</translation>
    </message>
    <message>
        <source>The fleet configuration %1 cannot be used: %2</source>
        <translation>Die Flottenkonfiguration %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>No fleet is configured. Add nodes with Fleet → Add node…, or start the console without --no-lab to try it on a private lab network.</source>
        <translation>Keine Flotte konfiguriert. Fügen Sie Knoten über Flotte → Knoten hinzufügen… hinzu, oder starten Sie die Konsole ohne --no-lab, um sie an einem privaten Labornetz auszuprobieren.</translation>
    </message>
    <message>
        <source>Run one onion address across many tor nodes.

With a fleet configured (fleet.json in the configuration directory, on Linux ~/.config/RustBalance/rustbalance-console/fleet.json, or --fleet FILE) the console connects to its nodes and publishes the merged descriptor. With no fleet it starts a private Tor network on 127.0.0.1 (the lab: 3 directory authorities, 6 relays, a client and 3 onion-service nodes sharing a LAB master key that is not for production), publishes for it, and stops it again on exit. --no-lab shows the empty console instead; --demo shows a simulated fleet.

Environment: RB_LAB_SCRIPT (labnet.py), RB_LAB_PYTHON (python3 for it).</source>
        <translation>Eine Onion-Adresse auf vielen tor-Knoten betreiben.

Mit konfigurierter Flotte (fleet.json im Konfigurationsverzeichnis, unter Linux ~/.config/RustBalance/rustbalance-console/fleet.json, oder --fleet DATEI) verbindet sich die Konsole mit deren Knoten und veröffentlicht den zusammengeführten Deskriptor. Ohne Flotte startet sie ein privates Tor-Netz auf 127.0.0.1 (das Labor: 3 Verzeichnisautoritäten, 6 Relays, ein Client und 3 Onion-Dienst-Knoten mit einem gemeinsamen LABOR-Hauptschlüssel, der nicht für den Produktivbetrieb ist), veröffentlicht dafür und stoppt es beim Beenden wieder. --no-lab zeigt stattdessen die leere Konsole; --demo zeigt eine simulierte Flotte.

Umgebung: RB_LAB_SCRIPT (labnet.py), RB_LAB_PYTHON (python3 dafür).</translation>
    </message>
</context>
<context>
    <name>rb::console::ConsoleController</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The lab network could not start</source>
        <translation>Das Labornetz konnte nicht starten</translation>
    </message>
    <message>
        <source>LAB key in %1 (not in the keychain)</source>
        <translation>LABOR-Schlüssel in %1 (nicht im Schlüsselbund)</translation>
    </message>
    <message>
        <source>Lab network start cancelled; its processes were stopped.</source>
        <translation>Start des Labornetzes abgebrochen; seine Prozesse wurden beendet.</translation>
    </message>
    <message>
        <source>No fleet is configured and the lab network was cancelled. Add nodes with Fleet → Add node…, or restart the console to start the lab again.</source>
        <translation>Es ist keine Flotte konfiguriert und das Labornetz wurde abgebrochen. Fügen Sie Knoten mit Flotte → Knoten hinzufügen… hinzu oder starten Sie die Konsole neu, um das Labor erneut zu starten.</translation>
    </message>
    <message numerus="yes">
        <source>Starting the lab network (%n node(s))</source>
        <translation>
            <numerusform>Labornetz wird gestartet (%n Knoten)</numerusform>
            <numerusform>Labornetz wird gestartet (%n Knoten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No fleet is configured: the console starts a private Tor network on this machine (127.0.0.1 only) with %n onion-service node(s) sharing the LAB master key %1.</source>
        <translation>
            <numerusform>Keine Flotte konfiguriert: Die Konsole startet ein privates Tor-Netz auf diesem Rechner (nur 127.0.0.1) mit %n Onion-Service-Knoten, der den LABOR-Master-Schlüssel %1 nutzt.</numerusform>
            <numerusform>Keine Flotte konfiguriert: Die Konsole startet ein privates Tor-Netz auf diesem Rechner (nur 127.0.0.1) mit %n Onion-Service-Knoten, die sich den LABOR-Master-Schlüssel %1 teilen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The publisher could not attach to the lab</source>
        <translation>Der Publisher konnte sich nicht mit dem Labor verbinden</translation>
    </message>
    <message numerus="yes">
        <source>Lab network ready in %1 s: %n node(s)</source>
        <translation>
            <numerusform>Labornetz in %1 s bereit: %n Knoten</numerusform>
            <numerusform>Labornetz in %1 s bereit: %n Knoten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lab network in %1 — %n onion-service node(s) running the LAB master identity. It stops when you close the console.</source>
        <translation>
            <numerusform>Labornetz in %1 — %n Onion-Service-Knoten mit der LABOR-Master-Identität. Es wird beim Schließen der Konsole beendet.</numerusform>
            <numerusform>Labornetz in %1 — %n Onion-Service-Knoten mit der LABOR-Master-Identität. Es wird beim Schließen der Konsole beendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>The fleet has no master identity yet: choose Identity → Master identity… to import or create one, then restart the console.</source>
        <translation>Die Flotte hat noch keine Master-Identität: Wählen Sie Identität → Master-Identität…, um eine zu importieren oder zu erzeugen, und starten Sie dann die Konsole neu.</translation>
    </message>
    <message>
        <source>The master key could not be loaded</source>
        <translation>Der Master-Schlüssel konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>No keychain is available</source>
        <translation>Kein Schlüsselbund verfügbar</translation>
    </message>
    <message>
        <source>Reading the master key from the keychain</source>
        <translation>Master-Schlüssel wird aus dem Schlüsselbund gelesen</translation>
    </message>
    <message>
        <source>The master key could not be read from the keychain</source>
        <translation>Der Master-Schlüssel konnte nicht aus dem Schlüsselbund gelesen werden</translation>
    </message>
    <message>
        <source>The master key in the keychain is not usable</source>
        <translation>Der Master-Schlüssel im Schlüsselbund ist nicht verwendbar</translation>
    </message>
    <message>
        <source>Master key loaded</source>
        <translation>Master-Schlüssel geladen</translation>
    </message>
    <message>
        <source>%1: its control password is in the keychain, which is not available</source>
        <translation>%1: Sein Steuerpasswort liegt im Schlüsselbund, der nicht verfügbar ist</translation>
    </message>
    <message>
        <source>%1: control password: %2</source>
        <translation>%1: Steuerpasswort: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) of the fleet are not attached:</source>
        <translation>
            <numerusform>%n Knoten der Flotte ist nicht angebunden:</numerusform>
            <numerusform>%n Knoten der Flotte sind nicht angebunden:</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping the lab network</source>
        <translation>Labornetz wird beendet</translation>
    </message>
    <message>
        <source>Stopping its tor processes and removing %1</source>
        <translation>Seine tor-Prozesse werden beendet und %1 wird entfernt</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>The master identity %1 is in the keychain, but the fleet file was not changed: %2</source>
        <translation>Die Master-Identität %1 ist im Schlüsselbund, aber die Flottendatei wurde nicht geändert: %2</translation>
    </message>
    <message>
        <source>The fleet file %1 cannot be read (%2); it was not changed. Correct or move it, then try again.</source>
        <translation>Die Flottendatei %1 kann nicht gelesen werden (%2); sie wurde nicht geändert. Korrigieren oder verschieben Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The console runs the lab network now: the fleet file %1 is used instead of the lab from the next start.</source>
        <translation>Die Konsole betreibt gerade das Labornetz: Die Flottendatei %1 wird ab dem nächsten Start statt des Labors verwendet.</translation>
    </message>
    <message>
        <source>The fleet has no master identity yet: choose Identity → Master identity… to import or create one; the console then publishes for the fleet.</source>
        <translation>Die Flotte hat noch keine Master-Identität: Wählen Sie Identität → Master-Identität…, um eine zu importieren oder zu erzeugen; danach veröffentlicht die Konsole für die Flotte.</translation>
    </message>
    <message>
        <source>The fleet file %1 is used from the next start.</source>
        <translation>Die Flottendatei %1 wird ab dem nächsten Start verwendet.</translation>
    </message>
    <message>
        <source>The node %1 is not valid: %2</source>
        <translation>Der Knoten %1 ist ungültig: %2</translation>
    </message>
    <message>
        <source>The fleet already has a node named %1: choose another name.</source>
        <translation>Die Flotte hat bereits einen Knoten namens %1: Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The node was not saved: %1 (the fleet file is unchanged).</source>
        <translation>Der Knoten wurde nicht gespeichert: %1 (die Flottendatei ist unverändert).</translation>
    </message>
    <message>
        <source>Node %1 saved in %2; it is disabled and not used by the publisher.</source>
        <translation>Knoten %1 in %2 gespeichert; er ist deaktiviert und wird vom Publisher nicht verwendet.</translation>
    </message>
    <message>
        <source>Node %1 saved in %2 and attached to the publisher.</source>
        <translation>Knoten %1 in %2 gespeichert und mit dem Publisher verbunden.</translation>
    </message>
    <message>
        <source>Node %1 saved in %2; the console now publishes for the fleet.</source>
        <translation>Knoten %1 in %2 gespeichert; die Konsole veröffentlicht jetzt für die Flotte.</translation>
    </message>
    <message>
        <source>Node %1 saved in %2.</source>
        <translation>Knoten %1 in %2 gespeichert.</translation>
    </message>
    <message>
        <source>The node %1 is not in the fleet file %2.</source>
        <translation>Der Knoten %1 steht nicht in der Flottendatei %2.</translation>
    </message>
    <message>
        <source>The node was not removed: %1 (the fleet file is unchanged).</source>
        <translation>Der Knoten wurde nicht entfernt: %1 (die Flottendatei ist unverändert).</translation>
    </message>
    <message>
        <source>Node %1 removed from %2 and from the publisher; nothing on the node was changed.</source>
        <translation>Knoten %1 aus %2 und dem Publisher entfernt; auf dem Knoten wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Node %1 removed from %2; nothing on the node was changed.</source>
        <translation>Knoten %1 aus %2 entfernt; auf dem Knoten wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Master identity %1 recorded in %2. The console runs the lab network now: the fleet file and this identity are used instead of the lab from the next start.</source>
        <translation>Master-Identität %1 in %2 eingetragen. Die Konsole betreibt gerade das Labornetz: Die Flottendatei und diese Identität werden ab dem nächsten Start statt des Labors verwendet.</translation>
    </message>
    <message>
        <source>Master identity %1 recorded in %2. Add the fleet&apos;s nodes with Fleet → Add node….</source>
        <translation>Master-Identität %1 in %2 eingetragen. Fügen Sie die Knoten der Flotte mit Flotte → Knoten hinzufügen… hinzu.</translation>
    </message>
    <message>
        <source>Master identity %1 recorded in %2; the publisher restarts with it.</source>
        <translation>Master-Identität %1 in %2 eingetragen; der Publisher startet damit neu.</translation>
    </message>
    <message>
        <source>In the fleet file, not attached (see the notice above the fleet table).</source>
        <translation>In der Flottendatei, nicht verbunden (siehe den Hinweis über der Flottentabelle).</translation>
    </message>
    <message>
        <source>Disabled in the fleet file: complete it with Fleet → Edit node… and enable it.</source>
        <translation>In der Flottendatei deaktiviert: Vervollständigen Sie ihn mit Flotte → Knoten bearbeiten… und aktivieren Sie ihn.</translation>
    </message>
    <message>
        <source>The Onionbalance config %1 cannot be read.</source>
        <translation>Die Onionbalance-Konfiguration %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Import %1 into the fleet file %2:</source>
        <translation>%1 in die Flottendatei %2 importieren:</translation>
    </message>
    <message>
        <source>The master key %1 of the Onionbalance config cannot be used: %2</source>
        <translation>Der Hauptschlüssel %1 der Onionbalance-Konfiguration ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>• Master identity %1 (key %2), stored in the keychain.</source>
        <translation>• Master-Identität %1 (Schlüssel %2), im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>• Master identity %1, read from its key file %2 (no keychain is available).</source>
        <translation>• Master-Identität %1, aus ihrer Schlüsseldatei %2 gelesen (kein Schlüsselbund verfügbar).</translation>
    </message>
    <message>
        <source>• The fleet keeps its master identity %1; the Onionbalance key is for %2, a DIFFERENT address.</source>
        <translation>• Die Flotte behält ihre Master-Identität %1; der Onionbalance-Schlüssel gehört zu %2, einer ANDEREN Adresse.</translation>
    </message>
    <message>
        <source>• The fleet keeps its master identity %1.</source>
        <translation>• Die Flotte behält ihre Master-Identität %1.</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <source>%1 (was backend %2)</source>
        <translation>%1 (war Backend %2)</translation>
    </message>
    <message numerus="yes">
        <source>• %n node(s), disabled until you complete them (SSH target, control endpoint) with Fleet → Edit node…:</source>
        <translation>
            <numerusform>• %n Knoten, deaktiviert, bis Sie ihn (SSH-Ziel, Steuerungsendpunkt) mit Flotte → Knoten bearbeiten… vervollständigen:</numerusform>
            <numerusform>• %n Knoten, deaktiviert, bis Sie sie (SSH-Ziel, Steuerungsendpunkt) mit Flotte → Knoten bearbeiten… vervollständigen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Nothing on the nodes changes.</source>
        <translation>Auf den Knoten ändert sich nichts.</translation>
    </message>
    <message>
        <source>The master key could not be stored in the keychain (%1); the fleet file was not changed.</source>
        <translation>Der Hauptschlüssel konnte nicht im Schlüsselbund gespeichert werden (%1); die Flottendatei wurde nicht geändert.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 (the fleet file is unchanged).</source>
        <translation>Nichts wurde importiert: %1 (die Flottendatei ist unverändert).</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n node(s) into %1: complete each with Fleet → Edit node… (SSH target, control endpoint) and enable it.</source>
        <translation>
            <numerusform>%n Knoten in %1 importiert: Vervollständigen Sie ihn mit Flotte → Knoten bearbeiten… (SSH-Ziel, Steuerungsendpunkt) und aktivieren Sie ihn.</numerusform>
            <numerusform>%n Knoten in %1 importiert: Vervollständigen Sie jeden mit Flotte → Knoten bearbeiten… (SSH-Ziel, Steuerungsendpunkt) und aktivieren Sie ihn.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rb::console::LabLauncher</name>
    <message>
        <source>Directory authorities and relays started; waiting for the first consensus</source>
        <translation>Verzeichnisautoritäten und Relays gestartet; warte auf den ersten Konsens</translation>
    </message>
    <message>
        <source>Consensus published</source>
        <translation>Konsens veröffentlicht</translation>
    </message>
    <message>
        <source>Starting the client and the onion-service nodes</source>
        <translation>Client und Onion-Service-Knoten werden gestartet</translation>
    </message>
    <message>
        <source>Client bootstrapping: %1 %</source>
        <translation>Client-Bootstrap: %1 %</translation>
    </message>
    <message>
        <source>Waiting for the directory authorities</source>
        <translation>Warte auf die Verzeichnisautoritäten</translation>
    </message>
    <message>
        <source>Lab network ready</source>
        <translation>Labornetz bereit</translation>
    </message>
    <message>
        <source>The lab network is already running</source>
        <translation>Das Labornetz läuft bereits</translation>
    </message>
    <message>
        <source>The lab needs 1 to 16 nodes</source>
        <translation>Das Labor braucht 1 bis 16 Knoten</translation>
    </message>
    <message>
        <source>The lab script labnet.py was not found; reinstall, or set RB_LAB_SCRIPT to its path</source>
        <translation>Das Laborskript labnet.py wurde nicht gefunden; neu installieren oder RB_LAB_SCRIPT auf seinen Pfad setzen</translation>
    </message>
    <message>
        <source>python3 was not found; install it or set RB_LAB_PYTHON</source>
        <translation>python3 wurde nicht gefunden; installieren oder RB_LAB_PYTHON setzen</translation>
    </message>
    <message>
        <source>Cannot create a directory for the lab network</source>
        <translation>Für das Labornetz kann kein Verzeichnis angelegt werden</translation>
    </message>
    <message>
        <source>Could not run the lab script</source>
        <translation>Das Laborskript konnte nicht ausgeführt werden</translation>
    </message>
    <message>
        <source>Creating keys and starting the directory authorities</source>
        <translation>Schlüssel werden erzeugt und die Verzeichnisautoritäten gestartet</translation>
    </message>
    <message>
        <source>The lab network did not start: %1</source>
        <translation>Das Labornetz ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>no output</source>
        <translation>keine Ausgabe</translation>
    </message>
    <message>
        <source>Cancelling: stopping the lab&apos;s processes</source>
        <translation>Abbruch: Die Prozesse des Labors werden beendet</translation>
    </message>
</context>
<context>
    <name>rb::ui::ControlHsFetchTransport</name>
    <message>
        <source>No answer from HSDir %1 through %2 in time</source>
        <translation>Keine rechtzeitige Antwort von HSDir %1 über %2</translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 ist nicht verbunden</translation>
    </message>
</context>
<context>
    <name>rb::ui::DeployDialog</name>
    <message>
        <source>Deploy the master identity</source>
        <translation>Master-Identität ausrollen</translation>
    </message>
    <message>
        <source>Undeploy</source>
        <translation>Rückbauen</translation>
    </message>
    <message numerus="yes">
        <source>Deploying %1 to %n node(s), one after the other: %2</source>
        <translation>
            <numerusform>%1 wird auf %n Knoten ausgerollt, einer nach dem anderen: %2</numerusform>
            <numerusform>%1 wird auf %n Knoten ausgerollt, einer nach dem anderen: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>the master identity</source>
        <translation>die Master-Identität</translation>
    </message>
    <message numerus="yes">
        <source>Undeploying from %n node(s), one after the other: %1</source>
        <translation>
            <numerusform>Rückbau von %n Knoten, einer nach dem anderen: %1</numerusform>
            <numerusform>Rückbau von %n Knoten, einer nach dem anderen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Overall progress</source>
        <translation>Gesamtfortschritt</translation>
    </message>
    <message>
        <source>Deployment steps</source>
        <translation>Schritte des Ausrollens</translation>
    </message>
    <message>
        <source>Deployment log</source>
        <translation>Protokoll des Ausrollens</translation>
    </message>
    <message numerus="yes">
        <source>Deploy the master identity %1 to %n node(s)?%2

Each node, one after the other: its existing keys (hs_ed25519_secret_key, hs_ed25519_public_key, hostname, ob_config) and its torrc are BACKED UP on the node in &lt;HiddenServiceDir&gt;.rb-backup-&lt;time&gt;/, not deleted; then the master key is written, the torrc updated and tor restarted. If a step fails, the node is rolled back to its backup.</source>
        <translation>
            <numerusform>Die Master-Identität %1 auf %n Knoten ausrollen?%2

Jeder Knoten, einer nach dem anderen: Seine vorhandenen Schlüssel (hs_ed25519_secret_key, hs_ed25519_public_key, hostname, ob_config) und seine torrc werden auf dem Knoten in &lt;HiddenServiceDir&gt;.rb-backup-&lt;Zeit&gt;/ GESICHERT, nicht gelöscht; dann wird der Master-Schlüssel geschrieben, die torrc angepasst und tor neu gestartet. Schlägt ein Schritt fehl, wird der Knoten auf seine Sicherung zurückgesetzt.</numerusform>
            <numerusform>Die Master-Identität %1 auf %n Knoten ausrollen?%2

Jeder Knoten, einer nach dem anderen: Seine vorhandenen Schlüssel (hs_ed25519_secret_key, hs_ed25519_public_key, hostname, ob_config) und seine torrc werden auf dem Knoten in &lt;HiddenServiceDir&gt;.rb-backup-&lt;Zeit&gt;/ GESICHERT, nicht gelöscht; dann wird der Master-Schlüssel geschrieben, die torrc angepasst und tor neu gestartet. Schlägt ein Schritt fehl, wird der Knoten auf seine Sicherung zurückgesetzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>(none configured)</source>
        <translation>(keine konfiguriert)</translation>
    </message>
    <message numerus="yes">
        <source>Undeploy the master identity from %n node(s)?%1

Each node, one after the other: the keys from its backup are restored, the managed torrc block is removed and tor is restarted. The backup itself is kept on the node.</source>
        <translation>
            <numerusform>Die Master-Identität von %n Knoten zurückbauen?%1

Jeder Knoten, einer nach dem anderen: Die Schlüssel aus seiner Sicherung werden wiederhergestellt, der verwaltete torrc-Block entfernt und tor neu gestartet. Die Sicherung selbst bleibt auf dem Knoten.</numerusform>
            <numerusform>Die Master-Identität von %n Knoten zurückbauen?%1

Jeder Knoten, einer nach dem anderen: Die Schlüssel aus seiner Sicherung werden wiederhergestellt, der verwaltete torrc-Block entfernt und tor neu gestartet. Die Sicherung selbst bleibt auf dem Knoten.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: not deployed — %2</source>
        <translation>%1: nicht ausgerollt — %2</translation>
    </message>
    <message>
        <source>%1: deployed</source>
        <translation>%1: ausgerollt</translation>
    </message>
    <message>
        <source>%1: undeployed</source>
        <translation>%1: zurückgebaut</translation>
    </message>
    <message>
        <source>previous identity %1</source>
        <translation>vorherige Identität %1</translation>
    </message>
    <message>
        <source>%1: FAILED and ROLLED BACK — the node serves its previous identity again</source>
        <translation>%1: FEHLGESCHLAGEN und ZURÜCKGESETZT — der Knoten bedient wieder seine vorherige Identität</translation>
    </message>
    <message>
        <source>%1: FAILED and the ROLLBACK FAILED — check the node by hand</source>
        <translation>%1: FEHLGESCHLAGEN und das ZURÜCKSETZEN IST FEHLGESCHLAGEN — prüfen Sie den Knoten von Hand</translation>
    </message>
    <message>
        <source>%1: failed (nothing was changed on the node)</source>
        <translation>%1: fehlgeschlagen (am Knoten wurde nichts geändert)</translation>
    </message>
    <message>
        <source>at step “%1”: %2</source>
        <translation>bei Schritt „%1“: %2</translation>
    </message>
    <message>
        <source>rollback: %1</source>
        <translation>Zurücksetzen: %1</translation>
    </message>
    <message>
        <source>backup on the node: %1</source>
        <translation>Sicherung auf dem Knoten: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Cancel requested: stopping at the next step boundary (a node already changed is rolled back).</source>
        <translation>Abbruch angefordert: Halt an der nächsten Schrittgrenze (ein bereits geänderter Knoten wird zurückgesetzt).</translation>
    </message>
    <message>
        <source>cancelled before it started</source>
        <translation>vor dem Start abgebrochen</translation>
    </message>
    <message>
        <source>Node %1 of %2: %3</source>
        <translation>Knoten %1 von %2: %3</translation>
    </message>
    <message>
        <source>%1: trying again with the accepted host key</source>
        <translation>%1: neuer Versuch mit dem akzeptierten Host-Schlüssel</translation>
    </message>
    <message>
        <source>deployment is not available in this console</source>
        <translation>Ausrollen ist in dieser Konsole nicht verfügbar</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation>%1: %2 — %3</translation>
    </message>
    <message>
        <source>%1: rolling back to the backup</source>
        <translation>%1: wird auf die Sicherung zurückgesetzt</translation>
    </message>
    <message>
        <source>%1: %2 done — %3</source>
        <translation>%1: %2 erledigt — %3</translation>
    </message>
    <message>
        <source>%1: %2 FAILED — %3</source>
        <translation>%1: %2 FEHLGESCHLAGEN — %3</translation>
    </message>
    <message>
        <source>%1: reading the SSH host key for your confirmation</source>
        <translation>%1: SSH-Host-Schlüssel wird für Ihre Bestätigung gelesen</translation>
    </message>
    <message>
        <source>%1: the SSH host key is not known yet; reading it (no credential is offered)</source>
        <translation>%1: Der SSH-Host-Schlüssel ist noch nicht bekannt; er wird gelesen (ohne Anmeldedaten anzubieten)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>host key rejected by the operator</source>
        <translation>Host-Schlüssel vom Betreiber abgelehnt</translation>
    </message>
    <message>
        <source>%1: host key accepted and remembered</source>
        <translation>%1: Host-Schlüssel akzeptiert und gespeichert</translation>
    </message>
    <message>
        <source>Cancelled: %1 succeeded, %2 not done.</source>
        <translation>Abgebrochen: %1 erfolgreich, %2 nicht erledigt.</translation>
    </message>
    <message>
        <source>Finished: %1 succeeded, %2 failed.</source>
        <translation>Fertig: %1 erfolgreich, %2 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>rb::ui::DeployStepModel</name>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Preflight checks</source>
        <translation>Vorabprüfungen</translation>
    </message>
    <message>
        <source>Back up existing keys</source>
        <translation>Vorhandene Schlüssel sichern</translation>
    </message>
    <message>
        <source>Write the master key</source>
        <translation>Master-Schlüssel schreiben</translation>
    </message>
    <message>
        <source>Update torrc</source>
        <translation>torrc anpassen</translation>
    </message>
    <message>
        <source>Restart tor</source>
        <translation>tor neu starten</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Rollback: restore files</source>
        <translation>Zurücksetzen: Dateien wiederherstellen</translation>
    </message>
    <message>
        <source>Rollback: restart tor</source>
        <translation>Zurücksetzen: tor neu starten</translation>
    </message>
    <message>
        <source>Rollback: verify</source>
        <translation>Zurücksetzen: prüfen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>rb::ui::DeployerJob</name>
    <message>
        <source>This deployment of %1 has already started.</source>
        <translation>Dieses Ausrollen auf %1 hat bereits begonnen.</translation>
    </message>
    <message>
        <source>Node %1 has no SSH target: set one with Fleet → Edit node… to deploy to it.</source>
        <translation>Knoten %1 hat kein SSH-Ziel: Legen Sie eines mit Flotte → Knoten bearbeiten… fest, um darauf auszurollen.</translation>
    </message>
    <message>
        <source>No keychain is available to read the master key from.</source>
        <translation>Kein Schlüsselbund verfügbar, aus dem der Master-Schlüssel gelesen werden kann.</translation>
    </message>
    <message>
        <source>No master identity is configured: create or import one with Identity → Master identity… first.</source>
        <translation>Keine Master-Identität konfiguriert: Erzeugen oder importieren Sie zuerst eine mit Identität → Master-Identität….</translation>
    </message>
    <message>
        <source>Cancelled before anything was changed.</source>
        <translation>Abgebrochen, bevor etwas geändert wurde.</translation>
    </message>
    <message>
        <source>Reading the control password from the keychain</source>
        <translation>Steuerpasswort wird aus dem Schlüsselbund gelesen</translation>
    </message>
    <message>
        <source>Reading the master key of %1 from the keychain</source>
        <translation>Master-Schlüssel von %1 wird aus dem Schlüsselbund gelesen</translation>
    </message>
    <message>
        <source>The console is not attached to a fleet.</source>
        <translation>Die Konsole ist mit keiner Flotte verbunden.</translation>
    </message>
    <message>
        <source>Node %1 is not in the fleet configuration (the lab network&apos;s nodes are deployed by the lab itself).</source>
        <translation>Knoten %1 ist nicht in der Flottenkonfiguration (die Knoten des Labornetzes rollt das Labor selbst aus).</translation>
    </message>
</context>
<context>
    <name>rb::ui::DescriptorInspector</name>
    <message>
        <source>&amp;Service address:</source>
        <translation>&amp;Dienstadresse:</translation>
    </message>
    <message>
        <source>&lt;56 characters&gt;.onion — needed to decrypt the layers</source>
        <translation>&lt;56 Zeichen&gt;.onion — nötig, um die Schichten zu entschlüsseln</translation>
    </message>
    <message>
        <source>Onion address the descriptor belongs to</source>
        <translation>Onion-Adresse, zu der der Deskriptor gehört</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Descriptor fields</source>
        <translation>Felder des Deskriptors</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Descriptor text</source>
        <translation>Text des Deskriptors</translation>
    </message>
    <message>
        <source>Open a descriptor to inspect it.</source>
        <translation>Öffnen Sie einen Deskriptor, um ihn zu prüfen.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a descriptor</source>
        <translation>%1 ist zu groß für einen Deskriptor</translation>
    </message>
    <message>
        <source>Inspecting…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>NOT valid</source>
        <translation>NICHT gültig</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>0x%1 (%2)</source>
        <translation>0x%1 (%2)</translation>
    </message>
    <message>
        <source>Key type</source>
        <translation>Schlüsseltyp</translation>
    </message>
    <message>
        <source>0x%1</source>
        <translation>0x%1</translation>
    </message>
    <message>
        <source>Certified key</source>
        <translation>Zertifizierter Schlüssel</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signiert von</translation>
    </message>
    <message>
        <source>(no signing-key extension)</source>
        <translation>(keine Signaturschlüssel-Erweiterung)</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>Erweiterungen</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Cannot read this descriptor: %1</source>
        <translation>Dieser Deskriptor kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation>Deskriptor</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>Identity key</source>
        <translation>Identitätsschlüssel</translation>
    </message>
    <message>
        <source>(unknown: enter the address)</source>
        <translation>(unbekannt: Adresse eingeben)</translation>
    </message>
    <message>
        <source>Blinded key</source>
        <translation>Geblendeter Schlüssel</translation>
    </message>
    <message>
        <source>Blinded key matches period %1</source>
        <translation>Geblendeter Schlüssel passt zu Periode %1</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>%1 of at most %2 bytes</source>
        <translation>%1 von höchstens %2 Bytes</translation>
    </message>
    <message>
        <source>Works until</source>
        <translation>Funktioniert bis</translation>
    </message>
    <message>
        <source>Outer layer</source>
        <translation>Äußere Schicht</translation>
    </message>
    <message>
        <source>hs-descriptor</source>
        <translation>hs-descriptor</translation>
    </message>
    <message>
        <source>descriptor-lifetime</source>
        <translation>descriptor-lifetime</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 Minuten</translation>
    </message>
    <message>
        <source>descriptor-signing-key-cert</source>
        <translation>descriptor-signing-key-cert</translation>
    </message>
    <message>
        <source>revision-counter</source>
        <translation>revision-counter</translation>
    </message>
    <message>
        <source>superencrypted</source>
        <translation>superencrypted</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>signature</translation>
    </message>
    <message>
        <source>unknown item</source>
        <translation>unbekannter Eintrag</translation>
    </message>
    <message>
        <source>Middle layer</source>
        <translation>Mittlere Schicht</translation>
    </message>
    <message>
        <source>decrypted</source>
        <translation>entschlüsselt</translation>
    </message>
    <message>
        <source>NOT decrypted</source>
        <translation>NICHT entschlüsselt</translation>
    </message>
    <message>
        <source>desc-auth-type</source>
        <translation>desc-auth-type</translation>
    </message>
    <message>
        <source>desc-auth-ephemeral-key</source>
        <translation>desc-auth-ephemeral-key</translation>
    </message>
    <message>
        <source>auth-client lines</source>
        <translation>auth-client-Zeilen</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>Auffüllung</translation>
    </message>
    <message>
        <source>%1 bytes of text padded to %2 (%3)</source>
        <translation>%1 Bytes Text aufgefüllt auf %2 (%3)</translation>
    </message>
    <message>
        <source>like tor</source>
        <translation>wie tor</translation>
    </message>
    <message>
        <source>NOT like tor</source>
        <translation>NICHT wie tor</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>encrypted</translation>
    </message>
    <message>
        <source>Inner layer</source>
        <translation>Innere Schicht</translation>
    </message>
    <message>
        <source>create2-formats</source>
        <translation>create2-formats</translation>
    </message>
    <message>
        <source>intro-auth-required</source>
        <translation>intro-auth-required</translation>
    </message>
    <message>
        <source>single-onion-service</source>
        <translation>single-onion-service</translation>
    </message>
    <message>
        <source>flow-control</source>
        <translation>flow-control</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>(fehlt)</translation>
    </message>
    <message>
        <source>pow-params</source>
        <translation>pow-params</translation>
    </message>
    <message>
        <source>Intro points</source>
        <translation>Intro-Points</translation>
    </message>
    <message>
        <source>Intro point %1</source>
        <translation>Intro-Point %1</translation>
    </message>
    <message>
        <source>%1 — node %2</source>
        <translation>%1 — Knoten %2</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <source>Legacy id</source>
        <translation>Legacy-ID</translation>
    </message>
    <message>
        <source>Link specifiers</source>
        <translation>Link-Specifier</translation>
    </message>
    <message>
        <source>onion-key ntor</source>
        <translation>onion-key ntor</translation>
    </message>
    <message>
        <source>auth-key</source>
        <translation>auth-key</translation>
    </message>
    <message>
        <source>auth-key certificate</source>
        <translation>auth-key-Zertifikat</translation>
    </message>
    <message>
        <source>enc-key ntor</source>
        <translation>enc-key ntor</translation>
    </message>
    <message>
        <source>enc-key certificate</source>
        <translation>enc-key-Zertifikat</translation>
    </message>
    <message>
        <source>legacy-key</source>
        <translation>legacy-key</translation>
    </message>
    <message>
        <source>present (kept verbatim)</source>
        <translation>vorhanden (unverändert übernommen)</translation>
    </message>
    <message>
        <source>Skipped intro point</source>
        <translation>Übersprungener Intro-Point</translation>
    </message>
    <message>
        <source>Valid descriptor: signature, certificates and both layers check out.</source>
        <translation>Gültiger Deskriptor: Signatur, Zertifikate und beide Schichten sind in Ordnung.</translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s): %3</source>
        <translation>%1 Fehler, %2 Warnung(en): %3</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
</context>
<context>
    <name>rb::ui::EventLogModel</name>
    <message>
        <source>(fleet)</source>
        <translation>(Flotte)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>rb::ui::FleetTableModel</name>
    <message>
        <source>SSH: %1</source>
        <translation>SSH: %1</translation>
    </message>
    <message>
        <source>Tunnel: %1</source>
        <translation>Tunnel: %1</translation>
    </message>
    <message>
        <source>Could not get valid INTRO2 keys: %1
invalid_introduce2: %2
subcredential: %3
bad_auth_key: %4
replay: %5</source>
        <translation>Could not get valid INTRO2 keys: %1
invalid_introduce2: %2
subcredential: %3
bad_auth_key: %4
replay: %5</translation>
    </message>
    <message>
        <source>%1 (tunnel %2)</source>
        <translation>%1 (Tunnel %2)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1/min</source>
        <translation>%1/min</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Tor</source>
        <translation>Tor</translation>
    </message>
    <message>
        <source>Bootstrap</source>
        <translation>Bootstrap</translation>
    </message>
    <message>
        <source>Intro points</source>
        <translation>Intro-Points</translation>
    </message>
    <message>
        <source>INTRO2 errors</source>
        <translation>INTRO2-Fehler</translation>
    </message>
    <message>
        <source>INTRO2 rate</source>
        <translation>INTRO2-Rate</translation>
    </message>
    <message>
        <source>Last INTRO2 error</source>
        <translation>Letzter INTRO2-Fehler</translation>
    </message>
    <message>
        <source>Rendezvous</source>
        <translation>Rendezvous</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Verteilung</translation>
    </message>
    <message>
        <source>Established intro circuits / expected</source>
        <translation>Aufgebaute Intro-Circuits / erwartet</translation>
    </message>
    <message>
        <source>INTRODUCE2 cells the node rejected (all reasons)</source>
        <translation>Vom Knoten abgewiesene INTRODUCE2-Zellen (alle Gründe)</translation>
    </message>
    <message>
        <source>Rejected INTRODUCE2 cells per minute, recently</source>
        <translation>Abgewiesene INTRODUCE2-Zellen pro Minute, zuletzt</translation>
    </message>
    <message>
        <source>Rendezvous circuits joined</source>
        <translation>Verbundene Rendezvous-Circuits</translation>
    </message>
</context>
<context>
    <name>rb::ui::HostKeyDialog</name>
    <message>
        <source>Node:</source>
        <translation>Knoten:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>(unknown type)</source>
        <translation>(unbekannter Typ)</translation>
    </message>
    <message>
        <source>Key type:</source>
        <translation>Schlüsseltyp:</translation>
    </message>
    <message>
        <source>SHA256 fingerprint of the %1 host key</source>
        <translation>SHA256-Fingerabdruck des %1-Host-Schlüssels</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Fingerabdruck:</translation>
    </message>
    <message>
        <source>SSH host key CHANGED — connection refused</source>
        <translation>SSH-Host-Schlüssel GEÄNDERT — Verbindung verweigert</translation>
    </message>
    <message>
        <source>&lt;b&gt;WARNING: the SSH host key of %1 has CHANGED.&lt;/b&gt;&lt;br&gt;This may be a man-in-the-middle attack. The console refuses to connect and will not replace the key. If the node was reinstalled, verify its new key out of band, remove the old entry with &lt;tt&gt;ssh-keygen -R &amp;lt;host&amp;gt;&lt;/tt&gt; and connect again to review the new key.</source>
        <translation>&lt;b&gt;WARNUNG: Der SSH-Host-Schlüssel von %1 hat sich GEÄNDERT.&lt;/b&gt;&lt;br&gt;Das kann ein Man-in-the-Middle-Angriff sein. Die Konsole verweigert die Verbindung und ersetzt den Schlüssel nicht. Wurde der Knoten neu installiert, prüfen Sie seinen neuen Schlüssel auf einem anderen Weg, entfernen Sie den alten Eintrag mit &lt;tt&gt;ssh-keygen -R &amp;lt;host&amp;gt;&lt;/tt&gt; und verbinden Sie sich erneut, um den neuen Schlüssel zu prüfen.</translation>
    </message>
    <message>
        <source>Confirm the SSH host key of %1</source>
        <translation>SSH-Host-Schlüssel von %1 bestätigen</translation>
    </message>
    <message>
        <source>&amp;Accept and remember</source>
        <translation>&amp;Akzeptieren und merken</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>Ab&amp;lehnen</translation>
    </message>
    <message>
        <source>Compare the fingerprint below with the one on the node (&lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/tt&gt;) before accepting it. An accepted key is added to your known_hosts; a key that changes later is refused.</source>
        <translation>Vergleichen Sie den Fingerabdruck unten mit dem auf dem Knoten (&lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/tt&gt;), bevor Sie ihn akzeptieren. Ein akzeptierter Schlüssel wird in Ihre known_hosts eingetragen; ein Schlüssel, der sich später ändert, wird abgelehnt.</translation>
    </message>
    <message>
        <source>This is the first connection to &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Dies ist die erste Verbindung zu &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>This is the SSH host key &lt;b&gt;%1&lt;/b&gt; presents now (read without offering any credential).</source>
        <translation>Dies ist der SSH-Host-Schlüssel, den &lt;b&gt;%1&lt;/b&gt; jetzt vorzeigt (gelesen, ohne Anmeldedaten anzubieten).</translation>
    </message>
</context>
<context>
    <name>rb::ui::HsDirFetchModel</name>
    <message>
        <source>not fetched</source>
        <translation>nicht abgerufen</translation>
    </message>
    <message>
        <source>fetching…</source>
        <translation>wird abgerufen…</translation>
    </message>
    <message>
        <source>our current revision</source>
        <translation>unsere aktuelle Revision</translation>
    </message>
    <message>
        <source>an OLDER revision</source>
        <translation>eine ÄLTERE Revision</translation>
    </message>
    <message>
        <source>a newer revision than ours</source>
        <translation>eine neuere Revision als unsere</translation>
    </message>
    <message>
        <source>a descriptor that is not ours</source>
        <translation>einen Deskriptor, der nicht unserer ist</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>not fetchable now</source>
        <translation>jetzt nicht abrufbar</translation>
    </message>
    <message>
        <source>second</source>
        <translation>zweiter</translation>
    </message>
    <message>
        <source>first</source>
        <translation>erster</translation>
    </message>
    <message numerus="yes">
        <source>rev %1, %n intro point(s)</source>
        <translation>
            <numerusform>Rev. %1, %n Intro-Point</numerusform>
            <numerusform>Rev. %1, %n Intro-Points</numerusform>
        </translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation>Deskriptor</translation>
    </message>
    <message>
        <source>HSDir</source>
        <translation>HSDir</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Hält</translation>
    </message>
    <message>
        <source>Revision held</source>
        <translation>Gehaltene Revision</translation>
    </message>
    <message>
        <source>Intro points held</source>
        <translation>Gehaltene Intro-Points</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>time period %1 is not the current one (%2): tor fetches only the current period&apos;s descriptor</source>
        <translation>Zeitperiode %1 ist nicht die aktuelle (%2): tor ruft nur den Deskriptor der aktuellen Periode ab</translation>
    </message>
</context>
<context>
    <name>rb::ui::HsDirFetcher</name>
    <message>
        <source>the HSDir has no descriptor for our blinded key (NOT_FOUND)</source>
        <translation>das HSDir hat keinen Deskriptor für unseren geblendeten Schlüssel (NOT_FOUND)</translation>
    </message>
    <message>
        <source>the fetch failed: %1</source>
        <translation>der Abruf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the HSDir returned an unreadable descriptor: %1</source>
        <translation>das HSDir lieferte einen unlesbaren Deskriptor: %1</translation>
    </message>
    <message>
        <source>its blinded key is not the one of our %1 descriptor</source>
        <translation>sein geblendeter Schlüssel ist nicht der unseres %1 Deskriptors</translation>
    </message>
    <message>
        <source>its signature does not verify with our master identity</source>
        <translation>seine Signatur lässt sich mit unserer Master-Identität nicht prüfen</translation>
    </message>
    <message>
        <source>same revision as published</source>
        <translation>dieselbe Revision wie veröffentlicht</translation>
    </message>
    <message>
        <source>revision %1 &lt; published %2: our upload has not reached it</source>
        <translation>Revision %1 &lt; veröffentlicht %2: unser Upload hat es nicht erreicht</translation>
    </message>
    <message>
        <source>revision %1 &gt; published %2: another publisher (or an earlier run) uploaded later</source>
        <translation>Revision %1 &gt; veröffentlicht %2: ein anderer Publisher (oder ein früherer Lauf) hat später hochgeladen</translation>
    </message>
    <message numerus="yes">
        <source>%n intro point(s) held</source>
        <translation>
            <numerusform>%n Intro-Point gehalten</numerusform>
            <numerusform>%n Intro-Points gehalten</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>rb::ui::HsDirHoldingsPanel</name>
    <message>
        <source>&amp;Fetch from HSDirs</source>
        <translation>Von HSDirs &amp;abrufen</translation>
    </message>
    <message>
        <source>Ask every responsible HSDir, through a connected node (HSFETCH), which descriptor it holds, and compare it with what we published</source>
        <translation>Jedes zuständige HSDir über einen verbundenen Knoten (HSFETCH) fragen, welchen Deskriptor es hält, und mit dem Veröffentlichten vergleichen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>HSDir fetch progress</source>
        <translation>Fortschritt des HSDir-Abrufs</translation>
    </message>
    <message>
        <source>Not fetched yet. Double-click a row to inspect the descriptor an HSDir returned.</source>
        <translation>Noch nicht abgerufen. Doppelklicken Sie auf eine Zeile, um den von einem HSDir gelieferten Deskriptor zu prüfen.</translation>
    </message>
    <message>
        <source>What each responsible HSDir holds</source>
        <translation>Was jedes zuständige HSDir hält</translation>
    </message>
    <message>
        <source>No node is connected: HSFETCH needs a connected node.</source>
        <translation>Kein Knoten ist verbunden: HSFETCH braucht einen verbundenen Knoten.</translation>
    </message>
    <message>
        <source>Fetching through %1: %2 of %3 HSDir(s) answered</source>
        <translation>Abruf über %1: %2 von %3 HSDir(s) haben geantwortet</translation>
    </message>
    <message>
        <source>%1 current, %2 older, %3 nothing, %4 error(s), %5 other</source>
        <translation>%1 aktuell, %2 älter, %3 nichts, %4 Fehler, %5 andere</translation>
    </message>
    <message>
        <source>Fetch cancelled (through %1): %2</source>
        <translation>Abruf abgebrochen (über %1): %2</translation>
    </message>
    <message>
        <source>Fetched through %1: %2</source>
        <translation>Abgerufen über %1: %2</translation>
    </message>
</context>
<context>
    <name>rb::ui::Intro2DiagnosticsPanel</name>
    <message>
        <source>Select a node to see why it might reject introductions.</source>
        <translation>Wählen Sie einen Knoten, um zu sehen, warum er Introductions abweisen könnte.</translation>
    </message>
    <message>
        <source>%1: %2 rejected INTRODUCE2 cell(s), %3 per minute recently; last at %4.
Could not get valid INTRO2 keys: %5 · invalid_introduce2: %6 · subcredential: %7 · bad_auth_key: %8 · replay: %9</source>
        <translation>%1: %2 abgewiesene INTRODUCE2-Zelle(n), zuletzt %3 pro Minute; die letzte um %4.
Could not get valid INTRO2 keys: %5 · invalid_introduce2: %6 · subcredential: %7 · bad_auth_key: %8 · replay: %9</translation>
    </message>
    <message>
        <source>No problem found: the configuration is right and the published descriptor is current.</source>
        <translation>Kein Problem gefunden: Die Konfiguration stimmt und der veröffentlichte Deskriptor ist aktuell.</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>Publish now</source>
        <translation>Jetzt veröffentlichen</translation>
    </message>
    <message>
        <source>Reconnect node</source>
        <translation>Knoten neu verbinden</translation>
    </message>
    <message>
        <source>%1 (fixes: %2)</source>
        <translation>%1 (behebt: %2)</translation>
    </message>
</context>
<context>
    <name>rb::ui::IntroPointModel</name>
    <message>
        <source>Established</source>
        <translation>Aufgebaut</translation>
    </message>
    <message>
        <source>Not established</source>
        <translation>Nicht aufgebaut</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Not published</source>
        <translation>Nicht veröffentlicht</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <source>Auth key</source>
        <translation>Auth-Key</translation>
    </message>
    <message>
        <source>Circuit</source>
        <translation>Circuit</translation>
    </message>
    <message>
        <source>In merged descriptor</source>
        <translation>Im zusammengeführten Deskriptor</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
</context>
<context>
    <name>rb::ui::MainWindow</name>
    <message>
        <source>RustBalance Console</source>
        <translation>RustBalance Console</translation>
    </message>
    <message>
        <source>&amp;Filter nodes:</source>
        <translation>Knoten &amp;filtern:</translation>
    </message>
    <message>
        <source>name, state, version…</source>
        <translation>Name, Zustand, Version…</translation>
    </message>
    <message>
        <source>Filter the fleet table</source>
        <translation>Flottentabelle filtern</translation>
    </message>
    <message>
        <source>Fleet: one row per node</source>
        <translation>Flotte: eine Zeile pro Knoten</translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation>&amp;Knoten</translation>
    </message>
    <message>
        <source>INTRO2 &amp;diagnostics</source>
        <translation>INTRO2-&amp;Diagnose</translation>
    </message>
    <message>
        <source>&amp;Publishing</source>
        <translation>&amp;Veröffentlichung</translation>
    </message>
    <message>
        <source>Show from:</source>
        <translation>Anzeigen ab:</translation>
    </message>
    <message>
        <source>Minimum severity of events shown</source>
        <translation>Mindestschweregrad der angezeigten Ereignisse</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Events of the whole fleet</source>
        <translation>Ereignisse der ganzen Flotte</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Ereignisse</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open descriptor…</source>
        <translation>Deskriptor ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>F&amp;leet</source>
        <translation>F&amp;lotte</translation>
    </message>
    <message>
        <source>&amp;Add node…</source>
        <translation>Knoten &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit node…</source>
        <translation>Knoten &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Reconnect node</source>
        <translation>Knoten &amp;neu verbinden</translation>
    </message>
    <message>
        <source>&amp;Publish now</source>
        <translation>Jetzt &amp;veröffentlichen</translation>
    </message>
    <message>
        <source>&amp;Identity</source>
        <translation>&amp;Identität</translation>
    </message>
    <message>
        <source>&amp;Master identity…</source>
        <translation>&amp;Master-Identität…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Über</translation>
    </message>
    <message>
        <source>About RustBalance Console</source>
        <translation>Über RustBalance Console</translation>
    </message>
    <message>
        <source>&lt;b&gt;RustBalance Console&lt;/b&gt; %1&lt;br&gt;Runs one onion address across many tor nodes.</source>
        <translation>&lt;b&gt;RustBalance Console&lt;/b&gt; %1&lt;br&gt;Betreibt eine Onion-Adresse auf vielen tor-Knoten.</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n Knoten</numerusform>
            <numerusform>%n Knoten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connected</source>
        <translation>
            <numerusform>%n verbunden</numerusform>
            <numerusform>%n verbunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejecting introductions</source>
        <translation>
            <numerusform>%n weist Introductions ab</numerusform>
            <numerusform>%n weisen Introductions ab</numerusform>
        </translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>Knoten hinzufügen</translation>
    </message>
    <message>
        <source>Open descriptor</source>
        <translation>Deskriptor öffnen</translation>
    </message>
    <message>
        <source>Descriptors (*.txt *.desc);;All files (*)</source>
        <translation>Deskriptoren (*.txt *.desc);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Descriptor: %1</source>
        <translation>Deskriptor: %1</translation>
    </message>
    <message>
        <source>Descriptor inspector — %1</source>
        <translation>Deskriptor-Inspektor — %1</translation>
    </message>
    <message>
        <source>RustBalance Console — lab network</source>
        <translation>RustBalance Console — Labornetz</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Fleet table</source>
        <translation>&amp;Flottentabelle</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>Fi&amp;lter nodes</source>
        <translation>Knoten fi&amp;ltern</translation>
    </message>
    <message>
        <source>&amp;Next detail tab</source>
        <translation>&amp;Nächster Detail-Reiter</translation>
    </message>
    <message>
        <source>&amp;Previous detail tab</source>
        <translation>&amp;Vorheriger Detail-Reiter</translation>
    </message>
    <message>
        <source>%1 as held by HSDir %2</source>
        <translation>%1, wie von HSDir %2 gehalten</translation>
    </message>
    <message>
        <source>&amp;Deploy master identity…</source>
        <translation>Master-Identität aus&amp;rollen…</translation>
    </message>
    <message>
        <source>Deploy the master identity to the selected node(s); their existing keys are backed up on the node, not deleted</source>
        <translation>Die Master-Identität auf die ausgewählten Knoten ausrollen; ihre vorhandenen Schlüssel werden auf dem Knoten gesichert, nicht gelöscht</translation>
    </message>
    <message>
        <source>&amp;Undeploy…</source>
        <translation>&amp;Zurückbauen…</translation>
    </message>
    <message>
        <source>Put the selected node(s) back on the keys from their backup</source>
        <translation>Die ausgewählten Knoten wieder auf die Schlüssel aus ihrer Sicherung setzen</translation>
    </message>
    <message>
        <source>Verify SSH &amp;host key…</source>
        <translation>SSH-&amp;Host-Schlüssel prüfen…</translation>
    </message>
    <message>
        <source>Select the node(s) to deploy to in the fleet table first.</source>
        <translation>Wählen Sie zuerst die Zielknoten in der Flottentabelle aus.</translation>
    </message>
    <message>
        <source>Deploy the master identity</source>
        <translation>Master-Identität ausrollen</translation>
    </message>
    <message>
        <source>Undeploy</source>
        <translation>Rückbauen</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Ausrollen</translation>
    </message>
    <message>
        <source>Deployment finished: %1 succeeded, %2 failed</source>
        <translation>Ausrollen beendet: %1 erfolgreich, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Reading the SSH host key of %1 (no credential is offered)…</source>
        <translation>SSH-Host-Schlüssel von %1 wird gelesen (ohne Anmeldedaten anzubieten)…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: host key accepted and remembered</source>
        <translation>%1: Host-Schlüssel akzeptiert und gespeichert</translation>
    </message>
    <message>
        <source>%1: host key rejected; the console will not connect</source>
        <translation>%1: Host-Schlüssel abgelehnt; die Konsole verbindet sich nicht</translation>
    </message>
    <message>
        <source>What HSDirs h&amp;old</source>
        <translation>Was HSDirs hal&amp;ten</translation>
    </message>
    <message>
        <source>Re&amp;mote publisher…</source>
        <translation>Ent&amp;fernter Publisher…</translation>
    </message>
    <message>
        <source>Show the status of a publisher that runs as a service on a server, over SSH</source>
        <translation>Den Zustand eines Publishers, der als Dienst auf einem Server läuft, über SSH anzeigen</translation>
    </message>
    <message>
        <source>Remove the selected node from the fleet file; nothing on the node is touched</source>
        <translation>Den ausgewählten Knoten aus der Flottendatei entfernen; auf dem Knoten wird nichts verändert</translation>
    </message>
    <message>
        <source>This console cannot change the fleet configuration.</source>
        <translation>Diese Konsole kann die Flottenkonfiguration nicht ändern.</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>Knoten entfernen</translation>
    </message>
    <message>
        <source>Remove the node %1 from the fleet?

The console stops using it and deletes it from the fleet file. Nothing on the node is touched: its keys, its tor configuration and its onion service stay as they are.</source>
        <translation>Den Knoten %1 aus der Flotte entfernen?

Die Konsole verwendet ihn nicht mehr und löscht ihn aus der Flottendatei. Auf dem Knoten wird nichts verändert: Seine Schlüssel, seine tor-Konfiguration und sein Onion-Service bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>The node %1 was not removed: %2</source>
        <translation>Der Knoten %1 wurde nicht entfernt: %2</translation>
    </message>
    <message>
        <source>Remo&amp;ve node…</source>
        <translation>Knoten &amp;entfernen…</translation>
    </message>
    <message>
        <source>Import &amp;Onionbalance config…</source>
        <translation>&amp;Onionbalance-Konfiguration importieren…</translation>
    </message>
    <message>
        <source>Take over an Onionbalance setup: its master key and its instances as nodes to complete</source>
        <translation>Eine Onionbalance-Installation übernehmen: ihren Hauptschlüssel und ihre Instanzen als zu vervollständigende Knoten</translation>
    </message>
    <message>
        <source>Import Onionbalance config</source>
        <translation>Onionbalance-Konfiguration importieren</translation>
    </message>
    <message>
        <source>Onionbalance config (*.yaml *.yml);;All files (*)</source>
        <translation>Onionbalance-Konfiguration (*.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
</context>
<context>
    <name>rb::ui::MasterHeader</name>
    <message>
        <source>Master address:</source>
        <translation>Master-Adresse:</translation>
    </message>
    <message>
        <source>Master onion address</source>
        <translation>Onion-Adresse des Masters</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the address (the clipboard is cleared after 30 seconds)</source>
        <translation>Adresse kopieren (die Zwischenablage wird nach 30 Sekunden geleert)</translation>
    </message>
    <message>
        <source>Copy master address</source>
        <translation>Master-Adresse kopieren</translation>
    </message>
    <message>
        <source>Keychain state</source>
        <translation>Zustand des Schlüsselbunds</translation>
    </message>
    <message>
        <source>&amp;Identity…</source>
        <translation>&amp;Identität…</translation>
    </message>
    <message>
        <source>Manage the master identity</source>
        <translation>Master-Identität verwalten</translation>
    </message>
    <message>
        <source>(no master identity yet)</source>
        <translation>(noch keine Master-Identität)</translation>
    </message>
    <message>
        <source>LAB KEY — not for production</source>
        <translation>LABORSCHLÜSSEL — nicht für den Produktivbetrieb</translation>
    </message>
    <message>
        <source>A throw-away key for the private test network this console started. Never deploy it to real nodes; import your own master identity for production.</source>
        <translation>Ein Wegwerfschlüssel für das private Testnetz, das diese Konsole gestartet hat. Niemals auf echte Knoten verteilen; importieren Sie für den Produktivbetrieb Ihre eigene Hauptidentität.</translation>
    </message>
    <message>
        <source>Lab key warning</source>
        <translation>Warnung: Laborschlüssel</translation>
    </message>
    <message>
        <source>Lab key file (not in the keychain)</source>
        <translation>Laborschlüssel-Datei (nicht im Schlüsselbund)</translation>
    </message>
</context>
<context>
    <name>rb::ui::MasterIdentityDialog</name>
    <message>
        <source>Master identity</source>
        <translation>Master-Identität</translation>
    </message>
    <message>
        <source>Export tor key files to</source>
        <translation>tor-Schlüsseldateien exportieren nach</translation>
    </message>
    <message>
        <source>Import from a HiddenServiceDir</source>
        <translation>Aus einem HiddenServiceDir importieren</translation>
    </message>
    <message>
        <source>Import a master key</source>
        <translation>Einen Master-Schlüssel importieren</translation>
    </message>
    <message>
        <source>Key files (hs_ed25519_secret_key *.key *.pem *.txt);;All files (*)</source>
        <translation>Schlüsseldateien (hs_ed25519_secret_key *.key *.pem *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Current:</source>
        <translation>Aktuell:</translation>
    </message>
    <message>
        <source>New:</source>
        <translation>Neu:</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>&amp;Generate new key</source>
        <translation>Neuen Schlüssel &amp;erzeugen</translation>
    </message>
    <message>
        <source>Import key &amp;file…</source>
        <translation>Schlüssel&amp;datei importieren…</translation>
    </message>
    <message>
        <source>Hex seed, tor&apos;s hs_ed25519_secret_key, Onionbalance PEM, RustBalance key file or an ED25519-V3 key</source>
        <translation>Hex-Seed, tors hs_ed25519_secret_key, Onionbalance-PEM, RustBalance-Schlüsseldatei oder ein ED25519-V3-Schlüssel</translation>
    </message>
    <message>
        <source>Import from &amp;HiddenServiceDir…</source>
        <translation>Aus &amp;HiddenServiceDir importieren…</translation>
    </message>
    <message>
        <source>&amp;Use and store in keychain</source>
        <translation>&amp;Verwenden und im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>E&amp;xport tor key files…</source>
        <translation>tor-Schlüsseldateien e&amp;xportieren…</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>New identity ready: %1. Store it to use it.</source>
        <translation>Neue Identität bereit: %1. Speichern Sie sie, um sie zu verwenden.</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Wird erzeugt…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Replace the master identity?</source>
        <translation>Master-Identität ersetzen?</translation>
    </message>
    <message>
        <source>The fleet&apos;s onion address changes from
%1
to
%2.

Clients using the old address can no longer reach the service, and every node must be redeployed with the new key. The old key stays in the keychain.

Replace it?</source>
        <translation>Die Onion-Adresse der Flotte ändert sich von
%1
auf
%2.

Clients mit der alten Adresse erreichen den Dienst nicht mehr, und jeder Knoten muss mit dem neuen Schlüssel neu verteilt werden. Der alte Schlüssel bleibt im Schlüsselbund.

Ersetzen?</translation>
    </message>
    <message>
        <source>Kept the current identity.</source>
        <translation>Aktuelle Identität beibehalten.</translation>
    </message>
    <message>
        <source>Storing in the keychain…</source>
        <translation>Wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>Could not store the key: %1</source>
        <translation>Der Schlüssel konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Stored in the keychain; %1 is now the master identity.</source>
        <translation>Im Schlüsselbund gespeichert; %1 ist jetzt die Master-Identität.</translation>
    </message>
    <message>
        <source>There is no master identity to export.</source>
        <translation>Es gibt keine Master-Identität zum Exportieren.</translation>
    </message>
    <message>
        <source>Could not read the key from the keychain: %1</source>
        <translation>Der Schlüssel konnte nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <source>Export the private key?</source>
        <translation>Den privaten Schlüssel exportieren?</translation>
    </message>
    <message>
        <source>The files hs_ed25519_secret_key, hs_ed25519_public_key and hostname in
%1
contain the master PRIVATE key. Anyone who gets them can impersonate the service. Write them only to a protected place and delete them when they are deployed.

Export?</source>
        <translation>Die Dateien hs_ed25519_secret_key, hs_ed25519_public_key und hostname in
%1
enthalten den PRIVATEN Master-Schlüssel. Wer sie bekommt, kann sich als der Dienst ausgeben. Schreiben Sie sie nur an einen geschützten Ort und löschen Sie sie nach der Verteilung.

Exportieren?</translation>
    </message>
    <message>
        <source>Nothing exported.</source>
        <translation>Nichts exportiert.</translation>
    </message>
    <message>
        <source>Writing key files…</source>
        <translation>Schlüsseldateien werden geschrieben…</translation>
    </message>
    <message>
        <source>Replace existing key files?</source>
        <translation>Vorhandene Schlüsseldateien ersetzen?</translation>
    </message>
    <message>
        <source>%1 already holds different key files:
%2

Replace them (the old files are kept as backups)?</source>
        <translation>%1 enthält bereits andere Schlüsseldateien:
%2

Ersetzen (die alten Dateien bleiben als Sicherungskopien erhalten)?</translation>
    </message>
    <message>
        <source>Nothing exported; the existing files are unchanged.</source>
        <translation>Nichts exportiert; die vorhandenen Dateien sind unverändert.</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Backups: %1.</source>
        <translation>Sicherungskopien: %1.</translation>
    </message>
</context>
<context>
    <name>rb::ui::NodeDetailPanel</name>
    <message>
        <source>&amp;Reconnect</source>
        <translation>&amp;Neu verbinden</translation>
    </message>
    <message>
        <source>Reconnect this node now</source>
        <translation>Diesen Knoten jetzt neu verbinden</translation>
    </message>
    <message>
        <source>Intro points of the node</source>
        <translation>Intro-Points des Knotens</translation>
    </message>
    <message>
        <source>Intro points</source>
        <translation>Intro-Points</translation>
    </message>
    <message>
        <source>&amp;Show from:</source>
        <translation>&amp;Anzeigen ab:</translation>
    </message>
    <message>
        <source>Minimum severity of events shown</source>
        <translation>Mindestschweregrad der angezeigten Ereignisse</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Events of the node</source>
        <translation>Ereignisse des Knotens</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>MetricsPort figures of the node</source>
        <translation>MetricsPort-Werte des Knotens</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Configuration problems and their fix</source>
        <translation>Konfigurationsprobleme und ihre Behebung</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>No node selected</source>
        <translation>Kein Knoten ausgewählt</translation>
    </message>
    <message>
        <source>tor %1</source>
        <translation>tor %1</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>über %1</translation>
    </message>
    <message>
        <source>descriptor revision %1</source>
        <translation>Deskriptor-Revision %1</translation>
    </message>
    <message>
        <source>no usable descriptor yet</source>
        <translation>noch kein brauchbarer Deskriptor</translation>
    </message>
    <message>
        <source>Configuration check: %1</source>
        <translation>Konfigurationsprüfung: %1</translation>
    </message>
</context>
<context>
    <name>rb::ui::NodeEditDialog</name>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>e.g. fra-1</source>
        <translation>z. B. fra-1</translation>
    </message>
    <message>
        <source>Node name</source>
        <translation>Knotenname</translation>
    </message>
    <message>
        <source>user@host[:port] or an ssh config alias</source>
        <translation>user@host[:port] oder ein Alias aus der ssh-Konfiguration</translation>
    </message>
    <message>
        <source>SSH target</source>
        <translation>SSH-Ziel</translation>
    </message>
    <message>
        <source>127.0.0.1:9051 or unix:/run/tor/control</source>
        <translation>127.0.0.1:9051 oder unix:/run/tor/control</translation>
    </message>
    <message>
        <source>Control endpoint on the node</source>
        <translation>Steuerungsendpunkt auf dem Knoten</translation>
    </message>
    <message>
        <source>Control port authentication</source>
        <translation>Authentifizierung am Steuerungsport</translation>
    </message>
    <message>
        <source>Safe cookie (recommended)</source>
        <translation>Safe-Cookie (empfohlen)</translation>
    </message>
    <message>
        <source>Cookie file</source>
        <translation>Cookie-Datei</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>None (Unix socket only)</source>
        <translation>Keine (nur Unix-Socket)</translation>
    </message>
    <message>
        <source>/run/tor/control.authcookie (empty: as tor reports)</source>
        <translation>/run/tor/control.authcookie (leer: wie von tor gemeldet)</translation>
    </message>
    <message>
        <source>Cookie file on the node</source>
        <translation>Cookie-Datei auf dem Knoten</translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation>wird im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Control password</source>
        <translation>Steuerungspasswort</translation>
    </message>
    <message>
        <source>/var/lib/tor/service</source>
        <translation>/var/lib/tor/service</translation>
    </message>
    <message>
        <source>HiddenServiceDir on the node</source>
        <translation>HiddenServiceDir auf dem Knoten</translation>
    </message>
    <message>
        <source>debian-tor</source>
        <translation>debian-tor</translation>
    </message>
    <message>
        <source>User tor runs as</source>
        <translation>Benutzer, unter dem tor läuft</translation>
    </message>
    <message>
        <source>80:127.0.0.1:8080, 443:8443</source>
        <translation>80:127.0.0.1:8080, 443:8443</translation>
    </message>
    <message>
        <source>Service ports</source>
        <translation>Dienstports</translation>
    </message>
    <message>
        <source>127.0.0.1:9035 (optional)</source>
        <translation>127.0.0.1:9035 (optional)</translation>
    </message>
    <message>
        <source>MetricsPort on the node</source>
        <translation>MetricsPort auf dem Knoten</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiviert</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;SSH target:</source>
        <translation>&amp;SSH-Ziel:</translation>
    </message>
    <message>
        <source>&amp;Control endpoint:</source>
        <translation>&amp;Steuerungsendpunkt:</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>A&amp;uthentifizierung:</translation>
    </message>
    <message>
        <source>C&amp;ookie file:</source>
        <translation>C&amp;ookie-Datei:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;HiddenServiceDir:</source>
        <translation>&amp;HiddenServiceDir:</translation>
    </message>
    <message>
        <source>&amp;Tor user:</source>
        <translation>&amp;tor-Benutzer:</translation>
    </message>
    <message>
        <source>Service p&amp;orts:</source>
        <translation>Dienst&amp;ports:</translation>
    </message>
    <message>
        <source>&amp;MetricsPort:</source>
        <translation>&amp;MetricsPort:</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>&amp;Gewicht:</translation>
    </message>
    <message>
        <source>Validation result</source>
        <translation>Ergebnis der Prüfung</translation>
    </message>
    <message>
        <source>Edit node %1</source>
        <translation>Knoten %1 bearbeiten</translation>
    </message>
    <message>
        <source>Service port &quot;%1&quot;: %2</source>
        <translation>Dienstport &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>A node named &quot;%1&quot; already exists.</source>
        <translation>Ein Knoten namens &quot;%1&quot; existiert bereits.</translation>
    </message>
    <message>
        <source>Password authentication needs the keychain, which is not available.</source>
        <translation>Passwort-Authentifizierung braucht den Schlüsselbund, der nicht verfügbar ist.</translation>
    </message>
    <message>
        <source>Enter the control password (it is stored in the keychain).</source>
        <translation>Geben Sie das Steuerungspasswort ein (es wird im Schlüsselbund gespeichert).</translation>
    </message>
    <message>
        <source>Without authentication the control endpoint must be a Unix socket.</source>
        <translation>Ohne Authentifizierung muss der Steuerungsendpunkt ein Unix-Socket sein.</translation>
    </message>
    <message>
        <source>Storing the password in the keychain…</source>
        <translation>Passwort wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>Could not store the password: %1</source>
        <translation>Das Passwort konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>rb::ui::PublishingPanel</name>
    <message>
        <source>Upload results per HSDir</source>
        <translation>Upload-Ergebnisse je HSDir</translation>
    </message>
    <message>
        <source>&amp;Automatic publishing</source>
        <translation>&amp;Automatisch veröffentlichen</translation>
    </message>
    <message>
        <source>Republish when intro points change, a node is lost, the HSDirs change, at rotation and at least every hour</source>
        <translation>Neu veröffentlichen, wenn sich Intro-Points ändern, ein Knoten verloren geht, sich die HSDirs ändern, bei der Rotation und mindestens stündlich</translation>
    </message>
    <message>
        <source>&amp;Publish now</source>
        <translation>Jetzt &amp;veröffentlichen</translation>
    </message>
    <message>
        <source>Publish the merged descriptors now</source>
        <translation>Die zusammengeführten Deskriptoren jetzt veröffentlichen</translation>
    </message>
    <message>
        <source>Time period:</source>
        <translation>Zeitperiode:</translation>
    </message>
    <message>
        <source>Revision:</source>
        <translation>Revision:</translation>
    </message>
    <message>
        <source>Intro points:</source>
        <translation>Intro-Points:</translation>
    </message>
    <message>
        <source>By node:</source>
        <translation>Je Knoten:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Built:</source>
        <translation>Gebaut:</translation>
    </message>
    <message>
        <source>Uploads:</source>
        <translation>Uploads:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Hinweise:</translation>
    </message>
    <message>
        <source>Inspect…</source>
        <translation>Prüfen…</translation>
    </message>
    <message>
        <source>Inspect the %1</source>
        <translation>%1 prüfen</translation>
    </message>
    <message>
        <source>%1 (%2 minutes)</source>
        <translation>%1 (%2 Minuten)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 of %2 uploaded, %3 failed, %4 pending</source>
        <translation>%1 von %2 hochgeladen, %3 fehlgeschlagen, %4 ausstehend</translation>
    </message>
    <message>
        <source>Last published: %1 · next publication: %2</source>
        <translation>Zuletzt veröffentlicht: %1 · nächste Veröffentlichung: %2</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Wird veröffentlicht…</translation>
    </message>
    <message>
        <source>Last decision: %1</source>
        <translation>Letzte Entscheidung: %1</translation>
    </message>
</context>
<context>
    <name>rb::ui::RemotePublisherDescriptorsModel</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>vor %1 d</translation>
    </message>
    <message>
        <source>%1 uploaded</source>
        <translation>%1 hochgeladen</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 timed out</source>
        <translation>%1 Zeitüberschreitung</translation>
    </message>
    <message>
        <source>%1 pending</source>
        <translation>%1 ausstehend</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>HSDir answers so far: %1</source>
        <translation>HSDir-Antworten bisher: %1</translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation>Deskriptor</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Intro points</source>
        <translation>Intro-Points</translation>
    </message>
    <message>
        <source>Publications</source>
        <translation>Veröffentlichungen</translation>
    </message>
    <message>
        <source>Last HSDir confirmation</source>
        <translation>Letzte HSDir-Bestätigung</translation>
    </message>
    <message>
        <source>HSDirs (current build)</source>
        <translation>HSDirs (aktueller Stand)</translation>
    </message>
</context>
<context>
    <name>rb::ui::RemotePublisherDialog</name>
    <message>
        <source>Remote publisher</source>
        <translation>Entfernter Publisher</translation>
    </message>
    <message>
        <source>user@server or an ssh config alias</source>
        <translation>benutzer@server oder ein Alias aus der ssh-Konfiguration</translation>
    </message>
    <message>
        <source>The server running rustbalance-publisher; your ssh config applies (User, Port, ProxyJump, IdentityFile).</source>
        <translation>Der Server, auf dem rustbalance-publisher läuft; Ihre ssh-Konfiguration gilt (User, Port, ProxyJump, IdentityFile).</translation>
    </message>
    <message>
        <source>The PORT of the publisher&apos;s --metrics-listen 127.0.0.1:PORT on the server.</source>
        <translation>Der PORT von --metrics-listen 127.0.0.1:PORT des Publishers auf dem Server.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>SSH &amp;target:</source>
        <translation>SSH-&amp;Ziel:</translation>
    </message>
    <message>
        <source>Metrics &amp;port on the server:</source>
        <translation>Metrik-&amp;Port auf dem Server:</translation>
    </message>
    <message>
        <source>Shows a publisher that runs as a service on a server (rbctl publish --watch --metrics-listen 127.0.0.1:PORT), read through an SSH tunnel.</source>
        <translation>Zeigt einen Publisher, der als Dienst auf einem Server läuft (rbctl publish --watch --metrics-listen 127.0.0.1:PORT), gelesen durch einen SSH-Tunnel.</translation>
    </message>
    <message>
        <source>Enter the SSH target of the publisher&apos;s server (user@host or an ssh config alias).</source>
        <translation>Geben Sie das SSH-Ziel des Publisher-Servers ein (benutzer@host oder ein Alias aus der ssh-Konfiguration).</translation>
    </message>
    <message>
        <source>The metrics port must be between 1 and 65535.</source>
        <translation>Der Metrik-Port muss zwischen 1 und 65535 liegen.</translation>
    </message>
    <message>
        <source>remote publisher</source>
        <translation>entfernter Publisher</translation>
    </message>
</context>
<context>
    <name>rb::ui::RemotePublisherNodesModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Could not get keys: %1
Invalid INTRODUCE2: %2
Subcredential: %3
Bad auth key: %4
Replay: %5</source>
        <translation>Schlüssel nicht erhalten: %1
Ungültiges INTRODUCE2: %2
Subcredential: %3
Falscher Auth-Schlüssel: %4
Wiederholung: %5</translation>
    </message>
    <message>
        <source>The node failed the configuration check; see the publisher&apos;s log on the server (journalctl -u rustbalance-publisher).</source>
        <translation>Der Knoten hat die Konfigurationsprüfung nicht bestanden; siehe das Protokoll des Publishers auf dem Server (journalctl -u rustbalance-publisher).</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Not OK</source>
        <translation>Nicht OK</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Control connection</source>
        <translation>Steuerverbindung</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Intro points (established / expected)</source>
        <translation>Intro-Points (aufgebaut / erwartet)</translation>
    </message>
    <message>
        <source>Intro points published</source>
        <translation>Veröffentlichte Intro-Points</translation>
    </message>
    <message>
        <source>INTRO2 errors</source>
        <translation>INTRO2-Fehler</translation>
    </message>
</context>
<context>
    <name>rb::ui::RemotePublisherPanel</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Review &amp;host key…</source>
        <translation>&amp;Host-Schlüssel prüfen…</translation>
    </message>
    <message>
        <source>Descriptors of the remote publisher</source>
        <translation>Deskriptoren des entfernten Publishers</translation>
    </message>
    <message>
        <source>Nodes of the remote publisher</source>
        <translation>Knoten des entfernten Publishers</translation>
    </message>
    <message>
        <source>Descriptors</source>
        <translation>Deskriptoren</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Master address: —</source>
        <translation>Master-Adresse: —</translation>
    </message>
    <message>
        <source>No status received yet.</source>
        <translation>Noch kein Zustand empfangen.</translation>
    </message>
    <message>
        <source>Master address: %1</source>
        <translation>Master-Adresse: %1</translation>
    </message>
    <message>
        <source>Nodes up: %1 of %2 · HSDirs holding the current build: %3 of %4 · Configuration reloads: %5</source>
        <translation>Knoten verbunden: %1 von %2 · HSDirs mit dem aktuellen Stand: %3 von %4 · Konfigurationsneuladungen: %5</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting over SSH…</source>
        <translation>Verbindung über SSH wird aufgebaut…</translation>
    </message>
    <message>
        <source>Reading the publisher&apos;s metrics…</source>
        <translation>Metriken des Publishers werden gelesen…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Problem (retrying)</source>
        <translation>Problem (neuer Versuch folgt)</translation>
    </message>
    <message>
        <source>Stopped: needs your action</source>
        <translation>Angehalten: Ihr Eingreifen ist nötig</translation>
    </message>
    <message>
        <source>Check that the server is reachable with ssh from this machine (host, port, ProxyJump in your ssh config). The console keeps retrying.</source>
        <translation>Prüfen Sie, ob der Server von diesem Rechner aus per ssh erreichbar ist (Host, Port, ProxyJump in Ihrer ssh-Konfiguration). Die Konsole versucht es weiter.</translation>
    </message>
    <message>
        <source>The server&apos;s SSH host key is not known yet: review its fingerprint and accept it (Review host key…), then connect again.</source>
        <translation>Der SSH-Host-Schlüssel des Servers ist noch nicht bekannt: prüfen Sie seinen Fingerabdruck und akzeptieren Sie ihn (Host-Schlüssel prüfen…), dann verbinden Sie erneut.</translation>
    </message>
    <message>
        <source>The server&apos;s SSH host key has CHANGED. Verify the new key out of band and remove the old entry (ssh-keygen -R host) before connecting again; the console never accepts a changed key.</source>
        <translation>Der SSH-Host-Schlüssel des Servers hat sich GEÄNDERT. Prüfen Sie den neuen Schlüssel auf anderem Weg und entfernen Sie den alten Eintrag (ssh-keygen -R host), bevor Sie erneut verbinden; die Konsole akzeptiert nie einen geänderten Schlüssel.</translation>
    </message>
    <message>
        <source>Load the key for this server into your ssh-agent or set IdentityFile in your ssh config, then connect again.</source>
        <translation>Laden Sie den Schlüssel für diesen Server in Ihren ssh-agent oder setzen Sie IdentityFile in Ihrer ssh-Konfiguration, dann verbinden Sie erneut.</translation>
    </message>
    <message>
        <source>Nothing listens on that port on the server: start the publisher with --metrics-listen 127.0.0.1:PORT (RUSTBALANCE_PUBLISHER_OPTS in /etc/rustbalance/publisher.env) or correct the port.</source>
        <translation>Auf diesem Port lauscht auf dem Server nichts: starten Sie den Publisher mit --metrics-listen 127.0.0.1:PORT (RUSTBALANCE_PUBLISHER_OPTS in /etc/rustbalance/publisher.env) oder korrigieren Sie den Port.</translation>
    </message>
    <message>
        <source>The port answered, but not with the publisher&apos;s metrics: check that it is the port given to --metrics-listen.</source>
        <translation>Der Port hat geantwortet, aber nicht mit den Metriken des Publishers: prüfen Sie, ob es der bei --metrics-listen angegebene Port ist.</translation>
    </message>
    <message>
        <source>The publisher did not answer in time: check it on the server (systemctl status rustbalance-publisher). The console keeps retrying.</source>
        <translation>Der Publisher hat nicht rechtzeitig geantwortet: prüfen Sie ihn auf dem Server (systemctl status rustbalance-publisher). Die Konsole versucht es weiter.</translation>
    </message>
    <message>
        <source>This port serves something else (for example tor&apos;s MetricsPort): use the port given to rbctl publish --metrics-listen.</source>
        <translation>Dieser Port liefert etwas anderes (zum Beispiel tors MetricsPort): verwenden Sie den bei rbctl publish --metrics-listen angegebenen Port.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Detail: %1</source>
        <translation>Detail: %1</translation>
    </message>
</context>
<context>
    <name>rb::ui::TaskProgressBar</name>
    <message>
        <source>Progress of the running action</source>
        <translation>Fortschritt der laufenden Aktion</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the running action</source>
        <translation>Die laufende Aktion abbrechen</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>rb::ui::UploadResultsModel</name>
    <message>
        <source>Descriptor</source>
        <translation>Deskriptor</translation>
    </message>
    <message>
        <source>HSDir</source>
        <translation>HSDir</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Um</translation>
    </message>
    <message>
        <source>Next retry</source>
        <translation>Nächster Versuch</translation>
    </message>
</context>
</TS>
