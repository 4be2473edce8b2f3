<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>FleetText</name>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Opening SSH tunnel</source>
        <translation>Ouverture du tunnel SSH</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connexion en cours</translation>
    </message>
    <message>
        <source>Authenticating</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Waiting to reconnect</source>
        <translation>En attente de reconnexion</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Non vérifiée</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problème</numerusform>
            <numerusform>%n problèmes</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Délai dépassé</translation>
    </message>
    <message>
        <source>Keychain: not asked yet</source>
        <translation>Trousseau : pas encore interrogé</translation>
    </message>
    <message>
        <source>Keychain: no master key stored</source>
        <translation>Trousseau : aucune clé maîtresse enregistrée</translation>
    </message>
    <message>
        <source>Keychain: locked</source>
        <translation>Trousseau : verrouillé</translation>
    </message>
    <message>
        <source>Keychain: master key loaded</source>
        <translation>Trousseau : clé maîtresse chargée</translation>
    </message>
    <message>
        <source>Keychain: error</source>
        <translation>Trousseau : erreur</translation>
    </message>
    <message>
        <source>First descriptor</source>
        <translation>Premier descripteur</translation>
    </message>
    <message>
        <source>Second descriptor</source>
        <translation>Second descripteur</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Débogage</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>SSH host key not yet accepted — Fleet → Verify SSH host key…</source>
        <translation>Clé d&apos;hôte SSH pas encore acceptée — Flotte → Vérifier la clé d&apos;hôte SSH…</translation>
    </message>
    <message>
        <source>SSH host key CHANGED — refused</source>
        <translation>Clé d&apos;hôte SSH MODIFIÉE — refusée</translation>
    </message>
    <message>
        <source>SSH login refused — check the key in your ssh-agent</source>
        <translation>Connexion SSH refusée — vérifiez la clé dans votre ssh-agent</translation>
    </message>
</context>
<context>
    <name>Intro2Diagnosis</name>
    <message>
        <source>Onionbalance instance option is off</source>
        <translation>L&apos;option d&apos;instance Onionbalance est désactivée</translation>
    </message>
    <message>
        <source>The node does not have HiddenServiceOnionbalanceInstance set, so it only accepts introductions made with its own descriptor&apos;s time period. Clients using the merged descriptor of the other period are rejected (%1 rejected so far).</source>
        <translation>HiddenServiceOnionbalanceInstance n&apos;est pas activé sur le nœud : il n&apos;accepte que les introductions faites avec la période de son propre descripteur. Les clients qui utilisent le descripteur fusionné de l&apos;autre période sont refusés (%1 refusées jusqu&apos;ici).</translation>
    </message>
    <message>
        <source>Add &apos;HiddenServiceOnionbalanceInstance 1&apos; to the service&apos;s section of torrc and restart tor (a reload is not enough).</source>
        <translation>Ajoutez « HiddenServiceOnionbalanceInstance 1 » dans la section du service du torrc et redémarrez tor (un rechargement ne suffit pas).</translation>
    </message>
    <message>
        <source>Onionbalance instance option needs a restart</source>
        <translation>L&apos;option d&apos;instance Onionbalance exige un redémarrage</translation>
    </message>
    <message>
        <source>HiddenServiceOnionbalanceInstance was turned on by a reload. Tor then keeps an empty list of master subcredentials until the next period and rejects every introduction (%1 rejected so far; tor logs &quot;Non-fatal assertion !(!service-&gt;state.ob_subcreds)&quot;).</source>
        <translation>HiddenServiceOnionbalanceInstance a été activé par un rechargement. Tor garde alors une liste vide de sous-identifiants maîtres jusqu&apos;à la période suivante et refuse toute introduction (%1 refusées jusqu&apos;ici ; tor journalise « Non-fatal assertion !(!service-&gt;state.ob_subcreds) »).</translation>
    </message>
    <message>
        <source>Restart tor on this node (systemctl restart tor), not reload.</source>
        <translation>Redémarrez tor sur ce nœud (systemctl restart tor), sans simple rechargement.</translation>
    </message>
    <message>
        <source>The node has no ob_config file in its HiddenServiceDir, so tor does not know the master address and cannot accept introductions for it (%1 rejected so far).</source>
        <translation>Le nœud n&apos;a pas de fichier ob_config dans son HiddenServiceDir : tor ne connaît pas l&apos;adresse maîtresse et ne peut pas accepter d&apos;introductions pour elle (%1 refusées jusqu&apos;ici).</translation>
    </message>
    <message>
        <source>The node&apos;s ob_config names %1, but the master address is %2. Tor derives the wrong subcredentials and rejects introductions (%3 rejected so far).</source>
        <translation>Le fichier ob_config du nœud désigne %1, mais l&apos;adresse maîtresse est %2. Tor dérive de mauvais sous-identifiants et refuse les introductions (%3 refusées jusqu&apos;ici).</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>aucune adresse</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(inconnu)</translation>
    </message>
    <message>
        <source>ob_config is wrong</source>
        <translation>ob_config est incorrect</translation>
    </message>
    <message>
        <source>Write &apos;MasterOnionAddress %1&apos; to &lt;HiddenServiceDir&gt;/ob_config and restart tor.</source>
        <translation>Écrivez « MasterOnionAddress %1 » dans &lt;HiddenServiceDir&gt;/ob_config et redémarrez tor.</translation>
    </message>
    <message>
        <source>&lt;master&gt;.onion</source>
        <translation>&lt;master&gt;.onion</translation>
    </message>
    <message>
        <source>Time period far off</source>
        <translation>Période très décalée</translation>
    </message>
    <message>
        <source>The node&apos;s descriptor is for time period %1, but the published descriptor is for period %2. Even an Onionbalance instance only accepts the neighbouring periods, so the node&apos;s clock or consensus is wrong.</source>
        <translation>Le descripteur du nœud concerne la période %1, mais le descripteur publié concerne la période %2. Même une instance Onionbalance n&apos;accepte que les périodes voisines : l&apos;horloge ou le consensus du nœud est faux.</translation>
    </message>
    <message>
        <source>Check the node&apos;s clock (NTP) and that tor has a fresh consensus, then reconnect it.</source>
        <translation>Vérifiez l&apos;horloge du nœud (NTP) et que tor dispose d&apos;un consensus récent, puis reconnectez-le.</translation>
    </message>
    <message>
        <source>Intro points in the other period</source>
        <translation>Points d&apos;introduction dans l&apos;autre période</translation>
    </message>
    <message>
        <source>The node&apos;s intro points belong to its descriptor for period %1, but they are also published in the descriptor for period %2. Without a working Onionbalance instance configuration tor rejects introductions made through the other period (%3 rejected so far).</source>
        <translation>Les points d&apos;introduction du nœud appartiennent à son descripteur de la période %1, mais ils sont aussi publiés dans le descripteur de la période %2. Sans configuration d&apos;instance Onionbalance fonctionnelle, tor refuse les introductions faites via l&apos;autre période (%3 refusées jusqu&apos;ici).</translation>
    </message>
    <message>
        <source>Fix the node&apos;s Onionbalance instance configuration; until then publish again so the merged descriptors are rebuilt from the node&apos;s current descriptor.</source>
        <translation>Corrigez la configuration d&apos;instance Onionbalance du nœud ; en attendant, publiez à nouveau pour reconstruire les descripteurs fusionnés à partir du descripteur actuel du nœud.</translation>
    </message>
    <message>
        <source>The node&apos;s intro points are published for period %1 while its own descriptor is for period %2. An Onionbalance instance accepts both, so this is probably not the cause.</source>
        <translation>Les points d&apos;introduction du nœud sont publiés pour la période %1 alors que son propre descripteur concerne la période %2. Une instance Onionbalance accepte les deux : ce n&apos;est probablement pas la cause.</translation>
    </message>
    <message>
        <source>Publish again; if rejections continue, look at the other causes.</source>
        <translation>Publiez à nouveau ; si les refus continuent, examinez les autres causes.</translation>
    </message>
    <message>
        <source>Node publishes its own descriptor</source>
        <translation>Le nœud publie son propre descripteur</translation>
    </message>
    <message>
        <source>PublishHidServDescriptors is not 0 on this node, so it uploads its own descriptor (only its own intro points) to the same HSDirs and races the merged descriptor. Clients then see only this node, or a descriptor the others do not match.</source>
        <translation>PublishHidServDescriptors ne vaut pas 0 sur ce nœud : il envoie son propre descripteur (avec ses seuls points d&apos;introduction) aux mêmes HSDir et concurrence le descripteur fusionné. Les clients ne voient alors que ce nœud, ou un descripteur qui ne correspond pas aux autres.</translation>
    </message>
    <message>
        <source>Set &apos;PublishHidServDescriptors 0&apos; in torrc and restart tor (a reload does not stop uploads reliably); then publish again.</source>
        <translation>Mettez « PublishHidServDescriptors 0 » dans le torrc et redémarrez tor (un rechargement n’arrête pas les envois de façon fiable), puis publiez à nouveau.</translation>
    </message>
    <message>
        <source>No merged descriptor has been published yet, so clients cannot reach the service through the master address.</source>
        <translation>Aucun descripteur fusionné n&apos;a encore été publié : les clients ne peuvent pas joindre le service par l&apos;adresse maîtresse.</translation>
    </message>
    <message>
        <source>The merged descriptor was published %1 minutes ago; HSDirs drop it after %2 minutes, so clients may not find the service at all.</source>
        <translation>Le descripteur fusionné a été publié il y a %1 minutes ; les HSDir l&apos;abandonnent après %2 minutes, les clients risquent de ne plus trouver le service.</translation>
    </message>
    <message>
        <source>The merged descriptor was published %1 minutes ago; it should be republished at least every %2 minutes.</source>
        <translation>Le descripteur fusionné a été publié il y a %1 minutes ; il devrait être republié au moins toutes les %2 minutes.</translation>
    </message>
    <message numerus="yes">
        <source>%n of the node&apos;s established intro point(s) are not in the published descriptor, so clients cannot use them.</source>
        <translation>
            <numerusform>%n point d&apos;introduction établi du nœud n&apos;est pas dans le descripteur publié : les clients ne peuvent pas l&apos;utiliser.</numerusform>
            <numerusform>%n points d&apos;introduction établis du nœud ne sont pas dans le descripteur publié : les clients ne peuvent pas les utiliser.</numerusform>
        </translation>
    </message>
    <message>
        <source>Published descriptor is stale</source>
        <translation>Le descripteur publié est périmé</translation>
    </message>
    <message>
        <source>Publish now.</source>
        <translation>Publiez maintenant.</translation>
    </message>
    <message>
        <source>Published intro points are gone</source>
        <translation>Les points d&apos;introduction publiés ont disparu</translation>
    </message>
    <message numerus="yes">
        <source>Clients introduce themselves at intro points the node no longer has (%1 unknown auth key rejections; %n published intro point(s) of this node are no longer in its descriptor). Intro points rotate; the merged descriptor must follow.</source>
        <translation>
            <numerusform>Des clients se présentent à des points d&apos;introduction que le nœud n&apos;a plus (%1 refus pour clé d&apos;authentification inconnue ; %n point d&apos;introduction publié de ce nœud n&apos;est plus dans son descripteur). Les points d&apos;introduction tournent ; le descripteur fusionné doit suivre.</numerusform>
            <numerusform>Des clients se présentent à des points d&apos;introduction que le nœud n&apos;a plus (%1 refus pour clé d&apos;authentification inconnue ; %n points d&apos;introduction publiés de ce nœud ne sont plus dans son descripteur). Les points d&apos;introduction tournent ; le descripteur fusionné doit suivre.</numerusform>
        </translation>
    </message>
    <message>
        <source>Publish now so the merged descriptor lists the node&apos;s current intro points.</source>
        <translation>Publiez maintenant pour que le descripteur fusionné liste les points d&apos;introduction actuels du nœud.</translation>
    </message>
    <message>
        <source>Replayed introductions</source>
        <translation>Introductions rejouées</translation>
    </message>
    <message>
        <source>The node saw %1 INTRODUCE2 cell(s) it had seen before. A few come from clients retrying; many mean someone replays cells, which tor rejects safely.</source>
        <translation>Le nœud a reçu %1 cellule(s) INTRODUCE2 déjà vue(s). Quelques-unes viennent de clients qui réessaient ; beaucoup signifient que quelqu&apos;un rejoue des cellules, ce que tor refuse sans risque.</translation>
    </message>
    <message>
        <source>Nothing to fix unless the count keeps growing; then consider proof-of-work defenses (HiddenServicePoWDefensesEnabled 1).</source>
        <translation>Rien à corriger tant que le nombre n&apos;augmente pas ; sinon envisagez les défenses par preuve de travail (HiddenServicePoWDefensesEnabled 1).</translation>
    </message>
    <message>
        <source>Subcredential mismatch</source>
        <translation>Sous-identifiant incorrect</translation>
    </message>
    <message>
        <source>The node rejected %1 introduction(s) for a wrong subcredential, and its configuration looks right. The published descriptor probably carries intro points under another period&apos;s keys.</source>
        <translation>Le nœud a refusé %1 introduction(s) pour un mauvais sous-identifiant, alors que sa configuration semble correcte. Le descripteur publié contient probablement des points d&apos;introduction sous les clés d&apos;une autre période.</translation>
    </message>
    <message>
        <source>Publish now; if rejections continue, reconnect the node to re-check its configuration.</source>
        <translation>Publiez maintenant ; si les refus continuent, reconnectez le nœud pour revérifier sa configuration.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>User interface language (e.g. de, fr, en); default: the system&apos;s.</source>
        <translation>Langue de l&apos;interface (p. ex. de, fr, en) ; par défaut : celle du système.</translation>
    </message>
    <message>
        <source>Show a simulated fleet of &lt;nodes&gt; nodes (no network).</source>
        <translation>Afficher une flotte simulée de &lt;nodes&gt; nœuds (sans réseau).</translation>
    </message>
    <message>
        <source>Open a descriptor file in the inspector.</source>
        <translation>Ouvrir un fichier de descripteur dans l&apos;inspecteur.</translation>
    </message>
    <message>
        <source>No translation for &apos;%1&apos;; using English.</source>
        <translation>Pas de traduction pour « %1 » ; l&apos;anglais est utilisé.</translation>
    </message>
    <message>
        <source>--demo needs a number of nodes between 1 and 1000.</source>
        <translation>--demo attend un nombre de nœuds entre 1 et 1000.</translation>
    </message>
    <message>
        <source>Use the fleet configuration &lt;file&gt; instead of the default one.</source>
        <translation>Utiliser la configuration de flotte &lt;file&gt; au lieu de celle par défaut.</translation>
    </message>
    <message>
        <source>With no fleet configured, show the empty console instead of starting the lab network.</source>
        <translation>Sans flotte configurée, afficher la console vide au lieu de démarrer le réseau de laboratoire.</translation>
    </message>
    <message>
        <source>Onion-service nodes of the lab network (1-16, default 3).</source>
        <translation>Nœuds de service onion du réseau de laboratoire (1-16, 3 par défaut).</translation>
    </message>
    <message>
        <source>--lab-nodes needs a number between 1 and 16.</source>
        <translation>--lab-nodes attend un nombre entre 1 et 16.</translation>
    </message>
    <message>
        <source>--demo cannot be combined with --fleet or --no-lab.</source>
        <translation>--demo ne peut pas être combiné avec --fleet ou --no-lab.</translation>
    </message>
    <message>
        <source>The fleet configuration %1 cannot be used: %2</source>
        <translation>La configuration de flotte %1 est inutilisable : %2</translation>
    </message>
    <message>
        <source>No fleet is configured. Add nodes with Fleet → Add node…, or start the console without --no-lab to try it on a private lab network.</source>
        <translation>Aucune flotte n&apos;est configurée. Ajoutez des nœuds avec Flotte → Ajouter un nœud…, ou lancez la console sans --no-lab pour l&apos;essayer sur un réseau de laboratoire privé.</translation>
    </message>
    <message>
        <source>Run one onion address across many tor nodes.

With a fleet configured (fleet.json in the configuration directory, on Linux ~/.config/RustBalance/rustbalance-console/fleet.json, or --fleet FILE) the console connects to its nodes and publishes the merged descriptor. With no fleet it starts a private Tor network on 127.0.0.1 (the lab: 3 directory authorities, 6 relays, a client and 3 onion-service nodes sharing a LAB master key that is not for production), publishes for it, and stops it again on exit. --no-lab shows the empty console instead; --demo shows a simulated fleet.

Environment: RB_LAB_SCRIPT (labnet.py), RB_LAB_PYTHON (python3 for it).</source>
        <translation>Exécuter une adresse onion sur de nombreux nœuds tor.

Avec une flotte configurée (fleet.json dans le répertoire de configuration, sous Linux ~/.config/RustBalance/rustbalance-console/fleet.json, ou --fleet FICHIER), la console se connecte à ses nœuds et publie le descripteur fusionné. Sans flotte, elle démarre un réseau Tor privé sur 127.0.0.1 (le laboratoire : 3 autorités d&apos;annuaire, 6 relais, un client et 3 nœuds de service onion partageant une clé maîtresse de LABORATOIRE qui n&apos;est pas destinée à la production), publie pour lui et l&apos;arrête à la fermeture. --no-lab affiche la console vide à la place ; --demo affiche une flotte simulée.

Environnement : RB_LAB_SCRIPT (labnet.py), RB_LAB_PYTHON (python3 pour celui-ci).</translation>
    </message>
</context>
<context>
    <name>rb::console::ConsoleController</name>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>The lab network could not start</source>
        <translation>Le réseau de labo n&apos;a pas pu démarrer</translation>
    </message>
    <message>
        <source>LAB key in %1 (not in the keychain)</source>
        <translation>Clé de LABO dans %1 (pas dans le trousseau)</translation>
    </message>
    <message>
        <source>Lab network start cancelled; its processes were stopped.</source>
        <translation>Démarrage du réseau de labo annulé ; ses processus ont été arrêtés.</translation>
    </message>
    <message>
        <source>No fleet is configured and the lab network was cancelled. Add nodes with Fleet → Add node…, or restart the console to start the lab again.</source>
        <translation>Aucune flotte n&apos;est configurée et le réseau de labo a été annulé. Ajoutez des nœuds avec Flotte → Ajouter un nœud…, ou redémarrez la console pour relancer le labo.</translation>
    </message>
    <message numerus="yes">
        <source>Starting the lab network (%n node(s))</source>
        <translation>
            <numerusform>Démarrage du réseau de labo (%n nœud)</numerusform>
            <numerusform>Démarrage du réseau de labo (%n nœuds)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No fleet is configured: the console starts a private Tor network on this machine (127.0.0.1 only) with %n onion-service node(s) sharing the LAB master key %1.</source>
        <translation>
            <numerusform>Aucune flotte n&apos;est configurée : la console démarre un réseau Tor privé sur cette machine (127.0.0.1 uniquement) avec %n nœud de service onion utilisant la clé maîtresse de LABO %1.</numerusform>
            <numerusform>Aucune flotte n&apos;est configurée : la console démarre un réseau Tor privé sur cette machine (127.0.0.1 uniquement) avec %n nœuds de service onion partageant la clé maîtresse de LABO %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The publisher could not attach to the lab</source>
        <translation>Le publieur n&apos;a pas pu se rattacher au labo</translation>
    </message>
    <message numerus="yes">
        <source>Lab network ready in %1 s: %n node(s)</source>
        <translation>
            <numerusform>Réseau de labo prêt en %1 s : %n nœud</numerusform>
            <numerusform>Réseau de labo prêt en %1 s : %n nœuds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lab network in %1 — %n onion-service node(s) running the LAB master identity. It stops when you close the console.</source>
        <translation>
            <numerusform>Réseau de labo dans %1 — %n nœud de service onion avec l&apos;identité maîtresse de LABO. Il s&apos;arrête à la fermeture de la console.</numerusform>
            <numerusform>Réseau de labo dans %1 — %n nœuds de service onion avec l&apos;identité maîtresse de LABO. Il s&apos;arrête à la fermeture de la console.</numerusform>
        </translation>
    </message>
    <message>
        <source>The fleet has no master identity yet: choose Identity → Master identity… to import or create one, then restart the console.</source>
        <translation>La flotte n&apos;a pas encore d&apos;identité maîtresse : choisissez Identité → Identité maîtresse… pour en importer ou en créer une, puis redémarrez la console.</translation>
    </message>
    <message>
        <source>The master key could not be loaded</source>
        <translation>La clé maîtresse n&apos;a pas pu être chargée</translation>
    </message>
    <message>
        <source>No keychain is available</source>
        <translation>Aucun trousseau n&apos;est disponible</translation>
    </message>
    <message>
        <source>Reading the master key from the keychain</source>
        <translation>Lecture de la clé maîtresse depuis le trousseau</translation>
    </message>
    <message>
        <source>The master key could not be read from the keychain</source>
        <translation>La clé maîtresse n&apos;a pas pu être lue depuis le trousseau</translation>
    </message>
    <message>
        <source>The master key in the keychain is not usable</source>
        <translation>La clé maîtresse du trousseau n&apos;est pas utilisable</translation>
    </message>
    <message>
        <source>Master key loaded</source>
        <translation>Clé maîtresse chargée</translation>
    </message>
    <message>
        <source>%1: its control password is in the keychain, which is not available</source>
        <translation>%1 : son mot de passe de contrôle est dans le trousseau, qui n&apos;est pas disponible</translation>
    </message>
    <message>
        <source>%1: control password: %2</source>
        <translation>%1 : mot de passe de contrôle : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) of the fleet are not attached:</source>
        <translation>
            <numerusform>%n nœud de la flotte n&apos;est pas rattaché :</numerusform>
            <numerusform>%n nœuds de la flotte ne sont pas rattachés :</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping the lab network</source>
        <translation>Arrêt du réseau de labo</translation>
    </message>
    <message>
        <source>Stopping its tor processes and removing %1</source>
        <translation>Arrêt de ses processus tor et suppression de %1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2) : %3</translation>
    </message>
    <message>
        <source>The master identity %1 is in the keychain, but the fleet file was not changed: %2</source>
        <translation>L&apos;identité maîtresse %1 est dans le trousseau, mais le fichier de flotte n&apos;a pas été modifié : %2</translation>
    </message>
    <message>
        <source>The fleet file %1 cannot be read (%2); it was not changed. Correct or move it, then try again.</source>
        <translation>Le fichier de flotte %1 est illisible (%2) ; il n&apos;a pas été modifié. Corrigez-le ou déplacez-le, puis réessayez.</translation>
    </message>
    <message>
        <source>The console runs the lab network now: the fleet file %1 is used instead of the lab from the next start.</source>
        <translation>La console exécute actuellement le réseau de labo : le fichier de flotte %1 sera utilisé à la place du labo au prochain démarrage.</translation>
    </message>
    <message>
        <source>The fleet has no master identity yet: choose Identity → Master identity… to import or create one; the console then publishes for the fleet.</source>
        <translation>La flotte n&apos;a pas encore d&apos;identité maîtresse : choisissez Identité → Identité maîtresse… pour en importer ou en créer une ; la console publie ensuite pour la flotte.</translation>
    </message>
    <message>
        <source>The fleet file %1 is used from the next start.</source>
        <translation>Le fichier de flotte %1 sera utilisé au prochain démarrage.</translation>
    </message>
    <message>
        <source>The node %1 is not valid: %2</source>
        <translation>Le nœud %1 n&apos;est pas valide : %2</translation>
    </message>
    <message>
        <source>The fleet already has a node named %1: choose another name.</source>
        <translation>La flotte a déjà un nœud nommé %1 : choisissez un autre nom.</translation>
    </message>
    <message>
        <source>The node was not saved: %1 (the fleet file is unchanged).</source>
        <translation>Le nœud n&apos;a pas été enregistré : %1 (le fichier de flotte est inchangé).</translation>
    </message>
    <message>
        <source>Node %1 saved in %2; it is disabled and not used by the publisher.</source>
        <translation>Nœud %1 enregistré dans %2 ; il est désactivé et le publicateur ne l&apos;utilise pas.</translation>
    </message>
    <message>
        <source>Node %1 saved in %2 and attached to the publisher.</source>
        <translation>Nœud %1 enregistré dans %2 et rattaché au publicateur.</translation>
    </message>
    <message>
        <source>Node %1 saved in %2; the console now publishes for the fleet.</source>
        <translation>Nœud %1 enregistré dans %2 ; la console publie maintenant pour la flotte.</translation>
    </message>
    <message>
        <source>Node %1 saved in %2.</source>
        <translation>Nœud %1 enregistré dans %2.</translation>
    </message>
    <message>
        <source>The node %1 is not in the fleet file %2.</source>
        <translation>Le nœud %1 n&apos;est pas dans le fichier de flotte %2.</translation>
    </message>
    <message>
        <source>The node was not removed: %1 (the fleet file is unchanged).</source>
        <translation>Le nœud n&apos;a pas été retiré : %1 (le fichier de flotte est inchangé).</translation>
    </message>
    <message>
        <source>Node %1 removed from %2 and from the publisher; nothing on the node was changed.</source>
        <translation>Nœud %1 retiré de %2 et du publicateur ; rien n&apos;a été modifié sur le nœud.</translation>
    </message>
    <message>
        <source>Node %1 removed from %2; nothing on the node was changed.</source>
        <translation>Nœud %1 retiré de %2 ; rien n&apos;a été modifié sur le nœud.</translation>
    </message>
    <message>
        <source>Master identity %1 recorded in %2. The console runs the lab network now: the fleet file and this identity are used instead of the lab from the next start.</source>
        <translation>Identité maîtresse %1 enregistrée dans %2. La console exécute actuellement le réseau de labo : le fichier de flotte et cette identité seront utilisés à la place du labo au prochain démarrage.</translation>
    </message>
    <message>
        <source>Master identity %1 recorded in %2. Add the fleet&apos;s nodes with Fleet → Add node….</source>
        <translation>Identité maîtresse %1 enregistrée dans %2. Ajoutez les nœuds de la flotte avec Flotte → Ajouter un nœud….</translation>
    </message>
    <message>
        <source>Master identity %1 recorded in %2; the publisher restarts with it.</source>
        <translation>Identité maîtresse %1 enregistrée dans %2 ; le publicateur redémarre avec elle.</translation>
    </message>
    <message>
        <source>In the fleet file, not attached (see the notice above the fleet table).</source>
        <translation>Dans le fichier de flotte, non rattaché (voir l’avis au-dessus du tableau de la flotte).</translation>
    </message>
    <message>
        <source>Disabled in the fleet file: complete it with Fleet → Edit node… and enable it.</source>
        <translation>Désactivé dans le fichier de flotte : complétez-le avec Flotte → Modifier le nœud… et activez-le.</translation>
    </message>
    <message>
        <source>The Onionbalance config %1 cannot be read.</source>
        <translation>La configuration Onionbalance %1 est illisible.</translation>
    </message>
    <message>
        <source>Import %1 into the fleet file %2:</source>
        <translation>Importer %1 dans le fichier de flotte %2 :</translation>
    </message>
    <message>
        <source>The master key %1 of the Onionbalance config cannot be used: %2</source>
        <translation>La clé maîtresse %1 de la configuration Onionbalance est inutilisable : %2</translation>
    </message>
    <message>
        <source>• Master identity %1 (key %2), stored in the keychain.</source>
        <translation>• Identité maîtresse %1 (clé %2), enregistrée dans le trousseau.</translation>
    </message>
    <message>
        <source>• Master identity %1, read from its key file %2 (no keychain is available).</source>
        <translation>• Identité maîtresse %1, lue depuis son fichier de clé %2 (aucun trousseau disponible).</translation>
    </message>
    <message>
        <source>• The fleet keeps its master identity %1; the Onionbalance key is for %2, a DIFFERENT address.</source>
        <translation>• La flotte garde son identité maîtresse %1 ; la clé Onionbalance correspond à %2, une AUTRE adresse.</translation>
    </message>
    <message>
        <source>• The fleet keeps its master identity %1.</source>
        <translation>• La flotte garde son identité maîtresse %1.</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(aucune pour l’instant)</translation>
    </message>
    <message>
        <source>%1 (was backend %2)</source>
        <translation>%1 (ancien backend %2)</translation>
    </message>
    <message numerus="yes">
        <source>• %n node(s), disabled until you complete them (SSH target, control endpoint) with Fleet → Edit node…:</source>
        <translation>
            <numerusform>• %n nœud, désactivé jusqu’à ce que vous le complétiez (cible SSH, point de contrôle) avec Flotte → Modifier le nœud… :</numerusform>
            <numerusform>• %n nœuds, désactivés jusqu’à ce que vous les complétiez (cible SSH, point de contrôle) avec Flotte → Modifier le nœud… :</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Avertissement : %1</translation>
    </message>
    <message>
        <source>Nothing on the nodes changes.</source>
        <translation>Rien ne change sur les nœuds.</translation>
    </message>
    <message>
        <source>The master key could not be stored in the keychain (%1); the fleet file was not changed.</source>
        <translation>La clé maîtresse n&apos;a pas pu être enregistrée dans le trousseau (%1) ; le fichier de flotte n&apos;a pas été modifié.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 (the fleet file is unchanged).</source>
        <translation>Rien n&apos;a été importé : %1 (le fichier de flotte est inchangé).</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n node(s) into %1: complete each with Fleet → Edit node… (SSH target, control endpoint) and enable it.</source>
        <translation>
            <numerusform>%n nœud importé dans %1 : complétez-le avec Flotte → Modifier le nœud… (cible SSH, point de contrôle) et activez-le.</numerusform>
            <numerusform>%n nœuds importés dans %1 : complétez chacun avec Flotte → Modifier le nœud… (cible SSH, point de contrôle) et activez-le.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rb::console::LabLauncher</name>
    <message>
        <source>Directory authorities and relays started; waiting for the first consensus</source>
        <translation>Autorités d&apos;annuaire et relais démarrés ; attente du premier consensus</translation>
    </message>
    <message>
        <source>Consensus published</source>
        <translation>Consensus publié</translation>
    </message>
    <message>
        <source>Starting the client and the onion-service nodes</source>
        <translation>Démarrage du client et des nœuds de service onion</translation>
    </message>
    <message>
        <source>Client bootstrapping: %1 %</source>
        <translation>Amorçage du client : %1 %</translation>
    </message>
    <message>
        <source>Waiting for the directory authorities</source>
        <translation>Attente des autorités d&apos;annuaire</translation>
    </message>
    <message>
        <source>Lab network ready</source>
        <translation>Réseau de labo prêt</translation>
    </message>
    <message>
        <source>The lab network is already running</source>
        <translation>Le réseau de labo fonctionne déjà</translation>
    </message>
    <message>
        <source>The lab needs 1 to 16 nodes</source>
        <translation>Le labo nécessite de 1 à 16 nœuds</translation>
    </message>
    <message>
        <source>The lab script labnet.py was not found; reinstall, or set RB_LAB_SCRIPT to its path</source>
        <translation>Le script de labo labnet.py est introuvable ; réinstallez, ou définissez RB_LAB_SCRIPT avec son chemin</translation>
    </message>
    <message>
        <source>python3 was not found; install it or set RB_LAB_PYTHON</source>
        <translation>python3 est introuvable ; installez-le ou définissez RB_LAB_PYTHON</translation>
    </message>
    <message>
        <source>Cannot create a directory for the lab network</source>
        <translation>Impossible de créer un répertoire pour le réseau de labo</translation>
    </message>
    <message>
        <source>Could not run the lab script</source>
        <translation>Impossible d&apos;exécuter le script de labo</translation>
    </message>
    <message>
        <source>Creating keys and starting the directory authorities</source>
        <translation>Création des clés et démarrage des autorités d&apos;annuaire</translation>
    </message>
    <message>
        <source>The lab network did not start: %1</source>
        <translation>Le réseau de labo n&apos;a pas démarré : %1</translation>
    </message>
    <message>
        <source>no output</source>
        <translation>aucune sortie</translation>
    </message>
    <message>
        <source>Cancelling: stopping the lab&apos;s processes</source>
        <translation>Annulation : arrêt des processus du labo</translation>
    </message>
</context>
<context>
    <name>rb::ui::ControlHsFetchTransport</name>
    <message>
        <source>No answer from HSDir %1 through %2 in time</source>
        <translation>Pas de réponse à temps du HSDir %1 via %2</translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 n&apos;est pas connecté</translation>
    </message>
</context>
<context>
    <name>rb::ui::DeployDialog</name>
    <message>
        <source>Deploy the master identity</source>
        <translation>Déployer l&apos;identité maîtresse</translation>
    </message>
    <message>
        <source>Undeploy</source>
        <translation>Retirer le déploiement</translation>
    </message>
    <message numerus="yes">
        <source>Deploying %1 to %n node(s), one after the other: %2</source>
        <translation>
            <numerusform>Déploiement de %1 sur %n nœud, l&apos;un après l&apos;autre : %2</numerusform>
            <numerusform>Déploiement de %1 sur %n nœuds, l&apos;un après l&apos;autre : %2</numerusform>
        </translation>
    </message>
    <message>
        <source>the master identity</source>
        <translation>l&apos;identité maîtresse</translation>
    </message>
    <message numerus="yes">
        <source>Undeploying from %n node(s), one after the other: %1</source>
        <translation>
            <numerusform>Retrait du déploiement de %n nœud, l&apos;un après l&apos;autre : %1</numerusform>
            <numerusform>Retrait du déploiement de %n nœuds, l&apos;un après l&apos;autre : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Overall progress</source>
        <translation>Progression globale</translation>
    </message>
    <message>
        <source>Deployment steps</source>
        <translation>Étapes du déploiement</translation>
    </message>
    <message>
        <source>Deployment log</source>
        <translation>Journal du déploiement</translation>
    </message>
    <message numerus="yes">
        <source>Deploy the master identity %1 to %n node(s)?%2

Each node, one after the other: its existing keys (hs_ed25519_secret_key, hs_ed25519_public_key, hostname, ob_config) and its torrc are BACKED UP on the node in &lt;HiddenServiceDir&gt;.rb-backup-&lt;time&gt;/, not deleted; then the master key is written, the torrc updated and tor restarted. If a step fails, the node is rolled back to its backup.</source>
        <translation>
            <numerusform>Déployer l&apos;identité maîtresse %1 sur %n nœud ?%2

Chaque nœud, l&apos;un après l&apos;autre : ses clés existantes (hs_ed25519_secret_key, hs_ed25519_public_key, hostname, ob_config) et son torrc sont SAUVEGARDÉS sur le nœud dans &lt;HiddenServiceDir&gt;.rb-backup-&lt;heure&gt;/, pas supprimés ; puis la clé maîtresse est écrite, le torrc mis à jour et tor redémarré. Si une étape échoue, le nœud est remis dans l&apos;état de sa sauvegarde.</numerusform>
            <numerusform>Déployer l&apos;identité maîtresse %1 sur %n nœuds ?%2

Chaque nœud, l&apos;un après l&apos;autre : ses clés existantes (hs_ed25519_secret_key, hs_ed25519_public_key, hostname, ob_config) et son torrc sont SAUVEGARDÉS sur le nœud dans &lt;HiddenServiceDir&gt;.rb-backup-&lt;heure&gt;/, pas supprimés ; puis la clé maîtresse est écrite, le torrc mis à jour et tor redémarré. Si une étape échoue, le nœud est remis dans l&apos;état de sa sauvegarde.</numerusform>
        </translation>
    </message>
    <message>
        <source>(none configured)</source>
        <translation>(aucune configurée)</translation>
    </message>
    <message numerus="yes">
        <source>Undeploy the master identity from %n node(s)?%1

Each node, one after the other: the keys from its backup are restored, the managed torrc block is removed and tor is restarted. The backup itself is kept on the node.</source>
        <translation>
            <numerusform>Retirer l&apos;identité maîtresse de %n nœud ?%1

Chaque nœud, l&apos;un après l&apos;autre : les clés de sa sauvegarde sont restaurées, le bloc géré du torrc est supprimé et tor redémarré. La sauvegarde elle-même est conservée sur le nœud.</numerusform>
            <numerusform>Retirer l&apos;identité maîtresse de %n nœuds ?%1

Chaque nœud, l&apos;un après l&apos;autre : les clés de sa sauvegarde sont restaurées, le bloc géré du torrc est supprimé et tor redémarré. La sauvegarde elle-même est conservée sur le nœud.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: not deployed — %2</source>
        <translation>%1 : non déployé — %2</translation>
    </message>
    <message>
        <source>%1: deployed</source>
        <translation>%1 : déployé</translation>
    </message>
    <message>
        <source>%1: undeployed</source>
        <translation>%1 : déploiement retiré</translation>
    </message>
    <message>
        <source>previous identity %1</source>
        <translation>identité précédente %1</translation>
    </message>
    <message>
        <source>%1: FAILED and ROLLED BACK — the node serves its previous identity again</source>
        <translation>%1 : ÉCHEC et RETOUR ARRIÈRE — le nœud sert à nouveau son identité précédente</translation>
    </message>
    <message>
        <source>%1: FAILED and the ROLLBACK FAILED — check the node by hand</source>
        <translation>%1 : ÉCHEC et le RETOUR ARRIÈRE A ÉCHOUÉ — vérifiez le nœud à la main</translation>
    </message>
    <message>
        <source>%1: failed (nothing was changed on the node)</source>
        <translation>%1 : échec (rien n&apos;a été modifié sur le nœud)</translation>
    </message>
    <message>
        <source>at step “%1”: %2</source>
        <translation>à l&apos;étape « %1 » : %2</translation>
    </message>
    <message>
        <source>rollback: %1</source>
        <translation>retour arrière : %1</translation>
    </message>
    <message>
        <source>backup on the node: %1</source>
        <translation>sauvegarde sur le nœud : %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Cancel requested: stopping at the next step boundary (a node already changed is rolled back).</source>
        <translation>Annulation demandée : arrêt à la prochaine fin d&apos;étape (un nœud déjà modifié est remis en l&apos;état).</translation>
    </message>
    <message>
        <source>cancelled before it started</source>
        <translation>annulé avant le démarrage</translation>
    </message>
    <message>
        <source>Node %1 of %2: %3</source>
        <translation>Nœud %1 sur %2 : %3</translation>
    </message>
    <message>
        <source>%1: trying again with the accepted host key</source>
        <translation>%1 : nouvel essai avec la clé d&apos;hôte acceptée</translation>
    </message>
    <message>
        <source>deployment is not available in this console</source>
        <translation>le déploiement n&apos;est pas disponible dans cette console</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation>%1 : %2 — %3</translation>
    </message>
    <message>
        <source>%1: rolling back to the backup</source>
        <translation>%1 : retour à la sauvegarde</translation>
    </message>
    <message>
        <source>%1: %2 done — %3</source>
        <translation>%1 : %2 terminé — %3</translation>
    </message>
    <message>
        <source>%1: %2 FAILED — %3</source>
        <translation>%1 : %2 ÉCHEC — %3</translation>
    </message>
    <message>
        <source>%1: reading the SSH host key for your confirmation</source>
        <translation>%1 : lecture de la clé d&apos;hôte SSH pour votre confirmation</translation>
    </message>
    <message>
        <source>%1: the SSH host key is not known yet; reading it (no credential is offered)</source>
        <translation>%1 : la clé d&apos;hôte SSH n&apos;est pas encore connue ; lecture (aucun identifiant n&apos;est proposé)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>host key rejected by the operator</source>
        <translation>clé d&apos;hôte refusée par l&apos;opérateur</translation>
    </message>
    <message>
        <source>%1: host key accepted and remembered</source>
        <translation>%1 : clé d&apos;hôte acceptée et mémorisée</translation>
    </message>
    <message>
        <source>Cancelled: %1 succeeded, %2 not done.</source>
        <translation>Annulé : %1 réussi(s), %2 non effectué(s).</translation>
    </message>
    <message>
        <source>Finished: %1 succeeded, %2 failed.</source>
        <translation>Terminé : %1 réussi(s), %2 en échec.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>rb::ui::DeployStepModel</name>
    <message>
        <source>Connect</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Preflight checks</source>
        <translation>Vérifications préalables</translation>
    </message>
    <message>
        <source>Back up existing keys</source>
        <translation>Sauvegarder les clés existantes</translation>
    </message>
    <message>
        <source>Write the master key</source>
        <translation>Écrire la clé maîtresse</translation>
    </message>
    <message>
        <source>Update torrc</source>
        <translation>Mettre à jour le torrc</translation>
    </message>
    <message>
        <source>Restart tor</source>
        <translation>Redémarrer tor</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Restaurer la sauvegarde</translation>
    </message>
    <message>
        <source>Rollback: restore files</source>
        <translation>Retour arrière : restaurer les fichiers</translation>
    </message>
    <message>
        <source>Rollback: restart tor</source>
        <translation>Retour arrière : redémarrer tor</translation>
    </message>
    <message>
        <source>Rollback: verify</source>
        <translation>Retour arrière : vérifier</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
</context>
<context>
    <name>rb::ui::DeployerJob</name>
    <message>
        <source>This deployment of %1 has already started.</source>
        <translation>Ce déploiement de %1 a déjà commencé.</translation>
    </message>
    <message>
        <source>Node %1 has no SSH target: set one with Fleet → Edit node… to deploy to it.</source>
        <translation>Le nœud %1 n&apos;a pas de cible SSH : définissez-en une avec Flotte → Modifier le nœud… pour y déployer.</translation>
    </message>
    <message>
        <source>No keychain is available to read the master key from.</source>
        <translation>Aucun trousseau n&apos;est disponible pour y lire la clé maîtresse.</translation>
    </message>
    <message>
        <source>No master identity is configured: create or import one with Identity → Master identity… first.</source>
        <translation>Aucune identité maîtresse n&apos;est configurée : créez-en ou importez-en d&apos;abord une avec Identité → Identité maîtresse….</translation>
    </message>
    <message>
        <source>Cancelled before anything was changed.</source>
        <translation>Annulé avant toute modification.</translation>
    </message>
    <message>
        <source>Reading the control password from the keychain</source>
        <translation>Lecture du mot de passe de contrôle depuis le trousseau</translation>
    </message>
    <message>
        <source>Reading the master key of %1 from the keychain</source>
        <translation>Lecture de la clé maîtresse de %1 depuis le trousseau</translation>
    </message>
    <message>
        <source>The console is not attached to a fleet.</source>
        <translation>La console n&apos;est rattachée à aucune flotte.</translation>
    </message>
    <message>
        <source>Node %1 is not in the fleet configuration (the lab network&apos;s nodes are deployed by the lab itself).</source>
        <translation>Le nœud %1 n&apos;est pas dans la configuration de la flotte (les nœuds du réseau de labo sont déployés par le labo lui-même).</translation>
    </message>
</context>
<context>
    <name>rb::ui::DescriptorInspector</name>
    <message>
        <source>&amp;Service address:</source>
        <translation>Adresse du &amp;service :</translation>
    </message>
    <message>
        <source>&lt;56 characters&gt;.onion — needed to decrypt the layers</source>
        <translation>&lt;56 caractères&gt;.onion — nécessaire pour déchiffrer les couches</translation>
    </message>
    <message>
        <source>Onion address the descriptor belongs to</source>
        <translation>Adresse onion à laquelle appartient le descripteur</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Inspecter</translation>
    </message>
    <message>
        <source>Descriptor fields</source>
        <translation>Champs du descripteur</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Descriptor text</source>
        <translation>Texte du descripteur</translation>
    </message>
    <message>
        <source>Open a descriptor to inspect it.</source>
        <translation>Ouvrez un descripteur pour l&apos;inspecter.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a descriptor</source>
        <translation>%1 est trop volumineux pour être un descripteur</translation>
    </message>
    <message>
        <source>Inspecting…</source>
        <translation>Inspection…</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <source>NOT valid</source>
        <translation>NON valide</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>0x%1 (%2)</source>
        <translation>0x%1 (%2)</translation>
    </message>
    <message>
        <source>Key type</source>
        <translation>Type de clé</translation>
    </message>
    <message>
        <source>0x%1</source>
        <translation>0x%1</translation>
    </message>
    <message>
        <source>Certified key</source>
        <translation>Clé certifiée</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signé par</translation>
    </message>
    <message>
        <source>(no signing-key extension)</source>
        <translation>(pas d’extension de clé de signature)</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Cannot read this descriptor: %1</source>
        <translation>Impossible de lire ce descripteur : %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation>Descripteur</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <source>Identity key</source>
        <translation>Clé d&apos;identité</translation>
    </message>
    <message>
        <source>(unknown: enter the address)</source>
        <translation>(inconnue : saisissez l&apos;adresse)</translation>
    </message>
    <message>
        <source>Blinded key</source>
        <translation>Clé aveuglée</translation>
    </message>
    <message>
        <source>Blinded key matches period %1</source>
        <translation>La clé aveuglée correspond à la période %1</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>%1 of at most %2 bytes</source>
        <translation>%1 sur au plus %2 octets</translation>
    </message>
    <message>
        <source>Works until</source>
        <translation>Fonctionne jusqu&apos;au</translation>
    </message>
    <message>
        <source>Outer layer</source>
        <translation>Couche externe</translation>
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
        <translation>%1 minutes</translation>
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
        <translation>élément inconnu</translation>
    </message>
    <message>
        <source>Middle layer</source>
        <translation>Couche intermédiaire</translation>
    </message>
    <message>
        <source>decrypted</source>
        <translation>déchiffrée</translation>
    </message>
    <message>
        <source>NOT decrypted</source>
        <translation>NON déchiffrée</translation>
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
        <translation>lignes auth-client</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>Remplissage</translation>
    </message>
    <message>
        <source>%1 bytes of text padded to %2 (%3)</source>
        <translation>%1 octets de texte complétés à %2 (%3)</translation>
    </message>
    <message>
        <source>like tor</source>
        <translation>comme tor</translation>
    </message>
    <message>
        <source>NOT like tor</source>
        <translation>PAS comme tor</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>encrypted</translation>
    </message>
    <message>
        <source>Inner layer</source>
        <translation>Couche interne</translation>
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
        <translation>(absent)</translation>
    </message>
    <message>
        <source>pow-params</source>
        <translation>pow-params</translation>
    </message>
    <message>
        <source>Intro points</source>
        <translation>Points d&apos;introduction</translation>
    </message>
    <message>
        <source>Intro point %1</source>
        <translation>Point d&apos;introduction %1</translation>
    </message>
    <message>
        <source>%1 — node %2</source>
        <translation>%1 — nœud %2</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(inconnu)</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relais</translation>
    </message>
    <message>
        <source>Legacy id</source>
        <translation>Identifiant historique</translation>
    </message>
    <message>
        <source>Link specifiers</source>
        <translation>Spécificateurs de lien</translation>
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
        <translation>certificat auth-key</translation>
    </message>
    <message>
        <source>enc-key ntor</source>
        <translation>enc-key ntor</translation>
    </message>
    <message>
        <source>enc-key certificate</source>
        <translation>certificat enc-key</translation>
    </message>
    <message>
        <source>legacy-key</source>
        <translation>legacy-key</translation>
    </message>
    <message>
        <source>present (kept verbatim)</source>
        <translation>présente (conservée telle quelle)</translation>
    </message>
    <message>
        <source>Skipped intro point</source>
        <translation>Point d&apos;introduction ignoré</translation>
    </message>
    <message>
        <source>Valid descriptor: signature, certificates and both layers check out.</source>
        <translation>Descripteur valide : signature, certificats et les deux couches sont corrects.</translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s): %3</source>
        <translation>%1 erreur(s), %2 avertissement(s) : %3</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
</context>
<context>
    <name>rb::ui::EventLogModel</name>
    <message>
        <source>(fleet)</source>
        <translation>(flotte)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>rb::ui::FleetTableModel</name>
    <message>
        <source>SSH: %1</source>
        <translation>SSH : %1</translation>
    </message>
    <message>
        <source>Tunnel: %1</source>
        <translation>Tunnel : %1</translation>
    </message>
    <message>
        <source>Could not get valid INTRO2 keys: %1
invalid_introduce2: %2
subcredential: %3
bad_auth_key: %4
replay: %5</source>
        <translation>Could not get valid INTRO2 keys : %1
invalid_introduce2 : %2
subcredential : %3
bad_auth_key : %4
replay : %5</translation>
    </message>
    <message>
        <source>%1 (tunnel %2)</source>
        <translation>%1 (tunnel %2)</translation>
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
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Tor</source>
        <translation>Tor</translation>
    </message>
    <message>
        <source>Bootstrap</source>
        <translation>Amorçage</translation>
    </message>
    <message>
        <source>Intro points</source>
        <translation>Points d&apos;introduction</translation>
    </message>
    <message>
        <source>INTRO2 errors</source>
        <translation>Erreurs INTRO2</translation>
    </message>
    <message>
        <source>INTRO2 rate</source>
        <translation>Taux INTRO2</translation>
    </message>
    <message>
        <source>Last INTRO2 error</source>
        <translation>Dernière erreur INTRO2</translation>
    </message>
    <message>
        <source>Rendezvous</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Déploiement</translation>
    </message>
    <message>
        <source>Established intro circuits / expected</source>
        <translation>Circuits d&apos;introduction établis / attendus</translation>
    </message>
    <message>
        <source>INTRODUCE2 cells the node rejected (all reasons)</source>
        <translation>Cellules INTRODUCE2 refusées par le nœud (toutes raisons)</translation>
    </message>
    <message>
        <source>Rejected INTRODUCE2 cells per minute, recently</source>
        <translation>Cellules INTRODUCE2 refusées par minute, récemment</translation>
    </message>
    <message>
        <source>Rendezvous circuits joined</source>
        <translation>Circuits de rendez-vous joints</translation>
    </message>
</context>
<context>
    <name>rb::ui::HostKeyDialog</name>
    <message>
        <source>Node:</source>
        <translation>Nœud :</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Hôte :</translation>
    </message>
    <message>
        <source>(unknown type)</source>
        <translation>(type inconnu)</translation>
    </message>
    <message>
        <source>Key type:</source>
        <translation>Type de clé :</translation>
    </message>
    <message>
        <source>SHA256 fingerprint of the %1 host key</source>
        <translation>Empreinte SHA256 de la clé d&apos;hôte %1</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Empreinte :</translation>
    </message>
    <message>
        <source>SSH host key CHANGED — connection refused</source>
        <translation>Clé d&apos;hôte SSH MODIFIÉE — connexion refusée</translation>
    </message>
    <message>
        <source>&lt;b&gt;WARNING: the SSH host key of %1 has CHANGED.&lt;/b&gt;&lt;br&gt;This may be a man-in-the-middle attack. The console refuses to connect and will not replace the key. If the node was reinstalled, verify its new key out of band, remove the old entry with &lt;tt&gt;ssh-keygen -R &amp;lt;host&amp;gt;&lt;/tt&gt; and connect again to review the new key.</source>
        <translation>&lt;b&gt;ATTENTION : la clé d&apos;hôte SSH de %1 a CHANGÉ.&lt;/b&gt;&lt;br&gt;Il peut s&apos;agir d&apos;une attaque de l&apos;homme du milieu. La console refuse de se connecter et ne remplacera pas la clé. Si le nœud a été réinstallé, vérifiez sa nouvelle clé par un autre canal, supprimez l&apos;ancienne entrée avec &lt;tt&gt;ssh-keygen -R &amp;lt;hôte&amp;gt;&lt;/tt&gt; et reconnectez-vous pour examiner la nouvelle clé.</translation>
    </message>
    <message>
        <source>Confirm the SSH host key of %1</source>
        <translation>Confirmer la clé d&apos;hôte SSH de %1</translation>
    </message>
    <message>
        <source>&amp;Accept and remember</source>
        <translation>&amp;Accepter et mémoriser</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Refuser</translation>
    </message>
    <message>
        <source>Compare the fingerprint below with the one on the node (&lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/tt&gt;) before accepting it. An accepted key is added to your known_hosts; a key that changes later is refused.</source>
        <translation>Comparez l&apos;empreinte ci-dessous avec celle du nœud (&lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/tt&gt;) avant de l&apos;accepter. Une clé acceptée est ajoutée à votre known_hosts ; une clé qui change plus tard est refusée.</translation>
    </message>
    <message>
        <source>This is the first connection to &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>C&apos;est la première connexion à &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>This is the SSH host key &lt;b&gt;%1&lt;/b&gt; presents now (read without offering any credential).</source>
        <translation>Voici la clé d&apos;hôte SSH que &lt;b&gt;%1&lt;/b&gt; présente maintenant (lue sans proposer d&apos;identifiant).</translation>
    </message>
</context>
<context>
    <name>rb::ui::HsDirFetchModel</name>
    <message>
        <source>not fetched</source>
        <translation>non récupéré</translation>
    </message>
    <message>
        <source>fetching…</source>
        <translation>récupération…</translation>
    </message>
    <message>
        <source>our current revision</source>
        <translation>notre révision actuelle</translation>
    </message>
    <message>
        <source>an OLDER revision</source>
        <translation>une révision PLUS ANCIENNE</translation>
    </message>
    <message>
        <source>a newer revision than ours</source>
        <translation>une révision plus récente que la nôtre</translation>
    </message>
    <message>
        <source>a descriptor that is not ours</source>
        <translation>un descripteur qui n&apos;est pas le nôtre</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>not fetchable now</source>
        <translation>non récupérable maintenant</translation>
    </message>
    <message>
        <source>second</source>
        <translation>second</translation>
    </message>
    <message>
        <source>first</source>
        <translation>premier</translation>
    </message>
    <message numerus="yes">
        <source>rev %1, %n intro point(s)</source>
        <translation>
            <numerusform>rév. %1, %n point d&apos;introduction</numerusform>
            <numerusform>rév. %1, %n points d&apos;introduction</numerusform>
        </translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation>Descripteur</translation>
    </message>
    <message>
        <source>HSDir</source>
        <translation>HSDir</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Détient</translation>
    </message>
    <message>
        <source>Revision held</source>
        <translation>Révision détenue</translation>
    </message>
    <message>
        <source>Intro points held</source>
        <translation>Points d&apos;introduction détenus</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publié</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>time period %1 is not the current one (%2): tor fetches only the current period&apos;s descriptor</source>
        <translation>la période %1 n&apos;est pas la période actuelle (%2) : tor ne récupère que le descripteur de la période actuelle</translation>
    </message>
</context>
<context>
    <name>rb::ui::HsDirFetcher</name>
    <message>
        <source>the HSDir has no descriptor for our blinded key (NOT_FOUND)</source>
        <translation>le HSDir n&apos;a aucun descripteur pour notre clé aveuglée (NOT_FOUND)</translation>
    </message>
    <message>
        <source>the fetch failed: %1</source>
        <translation>la récupération a échoué : %1</translation>
    </message>
    <message>
        <source>the HSDir returned an unreadable descriptor: %1</source>
        <translation>le HSDir a renvoyé un descripteur illisible : %1</translation>
    </message>
    <message>
        <source>its blinded key is not the one of our %1 descriptor</source>
        <translation>sa clé aveuglée n&apos;est pas celle de notre descripteur %1</translation>
    </message>
    <message>
        <source>its signature does not verify with our master identity</source>
        <translation>sa signature ne se vérifie pas avec notre identité maîtresse</translation>
    </message>
    <message>
        <source>same revision as published</source>
        <translation>même révision que celle publiée</translation>
    </message>
    <message>
        <source>revision %1 &lt; published %2: our upload has not reached it</source>
        <translation>révision %1 &lt; publiée %2 : notre envoi ne l&apos;a pas atteint</translation>
    </message>
    <message>
        <source>revision %1 &gt; published %2: another publisher (or an earlier run) uploaded later</source>
        <translation>révision %1 &gt; publiée %2 : un autre publieur (ou une exécution antérieure) a envoyé plus tard</translation>
    </message>
    <message numerus="yes">
        <source>%n intro point(s) held</source>
        <translation>
            <numerusform>%n point d&apos;introduction détenu</numerusform>
            <numerusform>%n points d&apos;introduction détenus</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
</context>
<context>
    <name>rb::ui::HsDirHoldingsPanel</name>
    <message>
        <source>&amp;Fetch from HSDirs</source>
        <translation>&amp;Récupérer depuis les HSDirs</translation>
    </message>
    <message>
        <source>Ask every responsible HSDir, through a connected node (HSFETCH), which descriptor it holds, and compare it with what we published</source>
        <translation>Demander à chaque HSDir responsable, via un nœud connecté (HSFETCH), quel descripteur il détient, et le comparer à ce que nous avons publié</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>HSDir fetch progress</source>
        <translation>Progression de la récupération HSDir</translation>
    </message>
    <message>
        <source>Not fetched yet. Double-click a row to inspect the descriptor an HSDir returned.</source>
        <translation>Pas encore récupéré. Double-cliquez sur une ligne pour examiner le descripteur renvoyé par un HSDir.</translation>
    </message>
    <message>
        <source>What each responsible HSDir holds</source>
        <translation>Ce que détient chaque HSDir responsable</translation>
    </message>
    <message>
        <source>No node is connected: HSFETCH needs a connected node.</source>
        <translation>Aucun nœud n&apos;est connecté : HSFETCH nécessite un nœud connecté.</translation>
    </message>
    <message>
        <source>Fetching through %1: %2 of %3 HSDir(s) answered</source>
        <translation>Récupération via %1 : %2 HSDir(s) sur %3 ont répondu</translation>
    </message>
    <message>
        <source>%1 current, %2 older, %3 nothing, %4 error(s), %5 other</source>
        <translation>%1 actuel(s), %2 plus ancien(s), %3 rien, %4 erreur(s), %5 autre(s)</translation>
    </message>
    <message>
        <source>Fetch cancelled (through %1): %2</source>
        <translation>Récupération annulée (via %1) : %2</translation>
    </message>
    <message>
        <source>Fetched through %1: %2</source>
        <translation>Récupéré via %1 : %2</translation>
    </message>
</context>
<context>
    <name>rb::ui::Intro2DiagnosticsPanel</name>
    <message>
        <source>Select a node to see why it might reject introductions.</source>
        <translation>Sélectionnez un nœud pour voir pourquoi il pourrait refuser des introductions.</translation>
    </message>
    <message>
        <source>%1: %2 rejected INTRODUCE2 cell(s), %3 per minute recently; last at %4.
Could not get valid INTRO2 keys: %5 · invalid_introduce2: %6 · subcredential: %7 · bad_auth_key: %8 · replay: %9</source>
        <translation>%1 : %2 cellule(s) INTRODUCE2 refusée(s), %3 par minute récemment ; la dernière à %4.
Could not get valid INTRO2 keys : %5 · invalid_introduce2 : %6 · subcredential : %7 · bad_auth_key : %8 · replay : %9</translation>
    </message>
    <message>
        <source>No problem found: the configuration is right and the published descriptor is current.</source>
        <translation>Aucun problème : la configuration est correcte et le descripteur publié est à jour.</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Correctif : %1</translation>
    </message>
    <message>
        <source>Publish now</source>
        <translation>Publier maintenant</translation>
    </message>
    <message>
        <source>Reconnect node</source>
        <translation>Reconnecter le nœud</translation>
    </message>
    <message>
        <source>%1 (fixes: %2)</source>
        <translation>%1 (corrige : %2)</translation>
    </message>
</context>
<context>
    <name>rb::ui::IntroPointModel</name>
    <message>
        <source>Established</source>
        <translation>Établi</translation>
    </message>
    <message>
        <source>Not established</source>
        <translation>Non établi</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publié</translation>
    </message>
    <message>
        <source>Not published</source>
        <translation>Non publié</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relais</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <source>Auth key</source>
        <translation>Clé d&apos;authentification</translation>
    </message>
    <message>
        <source>Circuit</source>
        <translation>Circuit</translation>
    </message>
    <message>
        <source>In merged descriptor</source>
        <translation>Dans le descripteur fusionné</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Vu pour la première fois</translation>
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
        <translation>&amp;Filtrer les nœuds :</translation>
    </message>
    <message>
        <source>name, state, version…</source>
        <translation>nom, état, version…</translation>
    </message>
    <message>
        <source>Filter the fleet table</source>
        <translation>Filtrer le tableau de la flotte</translation>
    </message>
    <message>
        <source>Fleet: one row per node</source>
        <translation>Flotte : une ligne par nœud</translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation>&amp;Nœud</translation>
    </message>
    <message>
        <source>INTRO2 &amp;diagnostics</source>
        <translation>&amp;Diagnostic INTRO2</translation>
    </message>
    <message>
        <source>&amp;Publishing</source>
        <translation>&amp;Publication</translation>
    </message>
    <message>
        <source>Show from:</source>
        <translation>Afficher à partir de :</translation>
    </message>
    <message>
        <source>Minimum severity of events shown</source>
        <translation>Gravité minimale des événements affichés</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Débogage</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Events of the whole fleet</source>
        <translation>Événements de toute la flotte</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>É&amp;vénements</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open descriptor…</source>
        <translation>&amp;Ouvrir un descripteur…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>F&amp;leet</source>
        <translation>F&amp;lotte</translation>
    </message>
    <message>
        <source>&amp;Add node…</source>
        <translation>&amp;Ajouter un nœud…</translation>
    </message>
    <message>
        <source>&amp;Edit node…</source>
        <translation>&amp;Modifier le nœud…</translation>
    </message>
    <message>
        <source>&amp;Reconnect node</source>
        <translation>&amp;Reconnecter le nœud</translation>
    </message>
    <message>
        <source>&amp;Publish now</source>
        <translation>&amp;Publier maintenant</translation>
    </message>
    <message>
        <source>&amp;Identity</source>
        <translation>&amp;Identité</translation>
    </message>
    <message>
        <source>&amp;Master identity…</source>
        <translation>Identité &amp;maîtresse…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;À propos</translation>
    </message>
    <message>
        <source>About RustBalance Console</source>
        <translation>À propos de RustBalance Console</translation>
    </message>
    <message>
        <source>&lt;b&gt;RustBalance Console&lt;/b&gt; %1&lt;br&gt;Runs one onion address across many tor nodes.</source>
        <translation>&lt;b&gt;RustBalance Console&lt;/b&gt; %1&lt;br&gt;Fait fonctionner une adresse onion sur de nombreux nœuds tor.</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n nœud</numerusform>
            <numerusform>%n nœuds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connected</source>
        <translation>
            <numerusform>%n connecté</numerusform>
            <numerusform>%n connectés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejecting introductions</source>
        <translation>
            <numerusform>%n refuse des introductions</numerusform>
            <numerusform>%n refusent des introductions</numerusform>
        </translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>Ajouter un nœud</translation>
    </message>
    <message>
        <source>Open descriptor</source>
        <translation>Ouvrir un descripteur</translation>
    </message>
    <message>
        <source>Descriptors (*.txt *.desc);;All files (*)</source>
        <translation>Descripteurs (*.txt *.desc);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Descriptor: %1</source>
        <translation>Descripteur : %1</translation>
    </message>
    <message>
        <source>Descriptor inspector — %1</source>
        <translation>Inspecteur de descripteur — %1</translation>
    </message>
    <message>
        <source>RustBalance Console — lab network</source>
        <translation>RustBalance Console — réseau de laboratoire</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Fleet table</source>
        <translation>Tableau de la &amp;flotte</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Détails</translation>
    </message>
    <message>
        <source>Fi&amp;lter nodes</source>
        <translation>Fi&amp;ltrer les nœuds</translation>
    </message>
    <message>
        <source>&amp;Next detail tab</source>
        <translation>Onglet de détail &amp;suivant</translation>
    </message>
    <message>
        <source>&amp;Previous detail tab</source>
        <translation>Onglet de détail &amp;précédent</translation>
    </message>
    <message>
        <source>%1 as held by HSDir %2</source>
        <translation>%1 tel que détenu par le HSDir %2</translation>
    </message>
    <message>
        <source>&amp;Deploy master identity…</source>
        <translation>&amp;Déployer l&apos;identité maîtresse…</translation>
    </message>
    <message>
        <source>Deploy the master identity to the selected node(s); their existing keys are backed up on the node, not deleted</source>
        <translation>Déployer l&apos;identité maîtresse sur le(s) nœud(s) sélectionné(s) ; leurs clés existantes sont sauvegardées sur le nœud, pas supprimées</translation>
    </message>
    <message>
        <source>&amp;Undeploy…</source>
        <translation>&amp;Retirer le déploiement…</translation>
    </message>
    <message>
        <source>Put the selected node(s) back on the keys from their backup</source>
        <translation>Remettre le(s) nœud(s) sélectionné(s) sur les clés de leur sauvegarde</translation>
    </message>
    <message>
        <source>Verify SSH &amp;host key…</source>
        <translation>Vérifier la clé d&apos;&amp;hôte SSH…</translation>
    </message>
    <message>
        <source>Select the node(s) to deploy to in the fleet table first.</source>
        <translation>Sélectionnez d&apos;abord le(s) nœud(s) cible(s) dans le tableau de la flotte.</translation>
    </message>
    <message>
        <source>Deploy the master identity</source>
        <translation>Déployer l&apos;identité maîtresse</translation>
    </message>
    <message>
        <source>Undeploy</source>
        <translation>Retirer le déploiement</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Déployer</translation>
    </message>
    <message>
        <source>Deployment finished: %1 succeeded, %2 failed</source>
        <translation>Déploiement terminé : %1 réussi(s), %2 en échec</translation>
    </message>
    <message>
        <source>Reading the SSH host key of %1 (no credential is offered)…</source>
        <translation>Lecture de la clé d&apos;hôte SSH de %1 (aucun identifiant n&apos;est proposé)…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: host key accepted and remembered</source>
        <translation>%1 : clé d&apos;hôte acceptée et mémorisée</translation>
    </message>
    <message>
        <source>%1: host key rejected; the console will not connect</source>
        <translation>%1 : clé d&apos;hôte refusée ; la console ne se connectera pas</translation>
    </message>
    <message>
        <source>What HSDirs h&amp;old</source>
        <translation>Ce que les HSDirs détienn&amp;ent</translation>
    </message>
    <message>
        <source>Re&amp;mote publisher…</source>
        <translation>Publicateur dis&amp;tant…</translation>
    </message>
    <message>
        <source>Show the status of a publisher that runs as a service on a server, over SSH</source>
        <translation>Afficher l&apos;état d&apos;un publicateur qui tourne comme service sur un serveur, via SSH</translation>
    </message>
    <message>
        <source>Remove the selected node from the fleet file; nothing on the node is touched</source>
        <translation>Retirer le nœud sélectionné du fichier de flotte ; rien n&apos;est modifié sur le nœud</translation>
    </message>
    <message>
        <source>This console cannot change the fleet configuration.</source>
        <translation>Cette console ne peut pas modifier la configuration de la flotte.</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>Retirer le nœud</translation>
    </message>
    <message>
        <source>Remove the node %1 from the fleet?

The console stops using it and deletes it from the fleet file. Nothing on the node is touched: its keys, its tor configuration and its onion service stay as they are.</source>
        <translation>Retirer le nœud %1 de la flotte ?

La console cesse de l&apos;utiliser et le supprime du fichier de flotte. Rien n&apos;est modifié sur le nœud : ses clés, sa configuration tor et son service onion restent tels quels.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>The node %1 was not removed: %2</source>
        <translation>Le nœud %1 n&apos;a pas été retiré : %2</translation>
    </message>
    <message>
        <source>Remo&amp;ve node…</source>
        <translation>Retirer le nœud de la &amp;flotte…</translation>
    </message>
    <message>
        <source>Import &amp;Onionbalance config…</source>
        <translation>Importer une configuration &amp;Onionbalance…</translation>
    </message>
    <message>
        <source>Take over an Onionbalance setup: its master key and its instances as nodes to complete</source>
        <translation>Reprendre une installation Onionbalance : sa clé maîtresse et ses instances comme nœuds à compléter</translation>
    </message>
    <message>
        <source>Import Onionbalance config</source>
        <translation>Importer une configuration Onionbalance</translation>
    </message>
    <message>
        <source>Onionbalance config (*.yaml *.yml);;All files (*)</source>
        <translation>Configuration Onionbalance (*.yaml *.yml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
</context>
<context>
    <name>rb::ui::MasterHeader</name>
    <message>
        <source>Master address:</source>
        <translation>Adresse maîtresse :</translation>
    </message>
    <message>
        <source>Master onion address</source>
        <translation>Adresse onion maîtresse</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the address (the clipboard is cleared after 30 seconds)</source>
        <translation>Copier l&apos;adresse (le presse-papiers est vidé après 30 secondes)</translation>
    </message>
    <message>
        <source>Copy master address</source>
        <translation>Copier l&apos;adresse maîtresse</translation>
    </message>
    <message>
        <source>Keychain state</source>
        <translation>État du trousseau</translation>
    </message>
    <message>
        <source>&amp;Identity…</source>
        <translation>&amp;Identité…</translation>
    </message>
    <message>
        <source>Manage the master identity</source>
        <translation>Gérer l&apos;identité maîtresse</translation>
    </message>
    <message>
        <source>(no master identity yet)</source>
        <translation>(pas encore d&apos;identité maîtresse)</translation>
    </message>
    <message>
        <source>LAB KEY — not for production</source>
        <translation>CLÉ DE LABORATOIRE — pas pour la production</translation>
    </message>
    <message>
        <source>A throw-away key for the private test network this console started. Never deploy it to real nodes; import your own master identity for production.</source>
        <translation>Une clé jetable pour le réseau de test privé démarré par cette console. Ne la déployez jamais sur de vrais nœuds ; importez votre propre identité maîtresse pour la production.</translation>
    </message>
    <message>
        <source>Lab key warning</source>
        <translation>Avertissement : clé de laboratoire</translation>
    </message>
    <message>
        <source>Lab key file (not in the keychain)</source>
        <translation>Fichier de clé de laboratoire (pas dans le trousseau)</translation>
    </message>
</context>
<context>
    <name>rb::ui::MasterIdentityDialog</name>
    <message>
        <source>Master identity</source>
        <translation>Identité maîtresse</translation>
    </message>
    <message>
        <source>Export tor key files to</source>
        <translation>Exporter les fichiers de clé tor vers</translation>
    </message>
    <message>
        <source>Import from a HiddenServiceDir</source>
        <translation>Importer depuis un HiddenServiceDir</translation>
    </message>
    <message>
        <source>Import a master key</source>
        <translation>Importer une clé maîtresse</translation>
    </message>
    <message>
        <source>Key files (hs_ed25519_secret_key *.key *.pem *.txt);;All files (*)</source>
        <translation>Fichiers de clé (hs_ed25519_secret_key *.key *.pem *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Current:</source>
        <translation>Actuelle :</translation>
    </message>
    <message>
        <source>New:</source>
        <translation>Nouvelle :</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>&amp;Generate new key</source>
        <translation>&amp;Générer une nouvelle clé</translation>
    </message>
    <message>
        <source>Import key &amp;file…</source>
        <translation>Importer un &amp;fichier de clé…</translation>
    </message>
    <message>
        <source>Hex seed, tor&apos;s hs_ed25519_secret_key, Onionbalance PEM, RustBalance key file or an ED25519-V3 key</source>
        <translation>Graine hexadécimale, hs_ed25519_secret_key de tor, PEM Onionbalance, fichier de clé RustBalance ou clé ED25519-V3</translation>
    </message>
    <message>
        <source>Import from &amp;HiddenServiceDir…</source>
        <translation>Importer depuis un &amp;HiddenServiceDir…</translation>
    </message>
    <message>
        <source>&amp;Use and store in keychain</source>
        <translation>&amp;Utiliser et enregistrer dans le trousseau</translation>
    </message>
    <message>
        <source>E&amp;xport tor key files…</source>
        <translation>E&amp;xporter les fichiers de clé tor…</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>New identity ready: %1. Store it to use it.</source>
        <translation>Nouvelle identité prête : %1. Enregistrez-la pour l&apos;utiliser.</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Génération…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>Replace the master identity?</source>
        <translation>Remplacer l&apos;identité maîtresse ?</translation>
    </message>
    <message>
        <source>The fleet&apos;s onion address changes from
%1
to
%2.

Clients using the old address can no longer reach the service, and every node must be redeployed with the new key. The old key stays in the keychain.

Replace it?</source>
        <translation>L&apos;adresse onion de la flotte passe de
%1
à
%2.

Les clients qui utilisent l&apos;ancienne adresse ne peuvent plus joindre le service, et chaque nœud doit être redéployé avec la nouvelle clé. L&apos;ancienne clé reste dans le trousseau.

Remplacer ?</translation>
    </message>
    <message>
        <source>Kept the current identity.</source>
        <translation>Identité actuelle conservée.</translation>
    </message>
    <message>
        <source>Storing in the keychain…</source>
        <translation>Enregistrement dans le trousseau…</translation>
    </message>
    <message>
        <source>Could not store the key: %1</source>
        <translation>Impossible d&apos;enregistrer la clé : %1</translation>
    </message>
    <message>
        <source>Stored in the keychain; %1 is now the master identity.</source>
        <translation>Enregistrée dans le trousseau ; %1 est désormais l&apos;identité maîtresse.</translation>
    </message>
    <message>
        <source>There is no master identity to export.</source>
        <translation>Il n&apos;y a pas d&apos;identité maîtresse à exporter.</translation>
    </message>
    <message>
        <source>Could not read the key from the keychain: %1</source>
        <translation>Impossible de lire la clé dans le trousseau : %1</translation>
    </message>
    <message>
        <source>Export the private key?</source>
        <translation>Exporter la clé privée ?</translation>
    </message>
    <message>
        <source>The files hs_ed25519_secret_key, hs_ed25519_public_key and hostname in
%1
contain the master PRIVATE key. Anyone who gets them can impersonate the service. Write them only to a protected place and delete them when they are deployed.

Export?</source>
        <translation>Les fichiers hs_ed25519_secret_key, hs_ed25519_public_key et hostname dans
%1
contiennent la clé PRIVÉE maîtresse. Quiconque les obtient peut usurper le service. Écrivez-les uniquement dans un endroit protégé et supprimez-les une fois déployés.

Exporter ?</translation>
    </message>
    <message>
        <source>Nothing exported.</source>
        <translation>Rien exporté.</translation>
    </message>
    <message>
        <source>Writing key files…</source>
        <translation>Écriture des fichiers de clé…</translation>
    </message>
    <message>
        <source>Replace existing key files?</source>
        <translation>Remplacer les fichiers de clé existants ?</translation>
    </message>
    <message>
        <source>%1 already holds different key files:
%2

Replace them (the old files are kept as backups)?</source>
        <translation>%1 contient déjà d’autres fichiers de clé :
%2

Les remplacer (les anciens fichiers sont gardés en sauvegarde) ?</translation>
    </message>
    <message>
        <source>Nothing exported; the existing files are unchanged.</source>
        <translation>Rien exporté ; les fichiers existants sont inchangés.</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exporté vers %1.</translation>
    </message>
    <message>
        <source>Backups: %1.</source>
        <translation>Sauvegardes : %1.</translation>
    </message>
</context>
<context>
    <name>rb::ui::NodeDetailPanel</name>
    <message>
        <source>&amp;Reconnect</source>
        <translation>&amp;Reconnecter</translation>
    </message>
    <message>
        <source>Reconnect this node now</source>
        <translation>Reconnecter ce nœud maintenant</translation>
    </message>
    <message>
        <source>Intro points of the node</source>
        <translation>Points d&apos;introduction du nœud</translation>
    </message>
    <message>
        <source>Intro points</source>
        <translation>Points d&apos;introduction</translation>
    </message>
    <message>
        <source>&amp;Show from:</source>
        <translation>&amp;Afficher à partir de :</translation>
    </message>
    <message>
        <source>Minimum severity of events shown</source>
        <translation>Gravité minimale des événements affichés</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Débogage</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Events of the node</source>
        <translation>Événements du nœud</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>MetricsPort figures of the node</source>
        <translation>Valeurs MetricsPort du nœud</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrique</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métriques</translation>
    </message>
    <message>
        <source>Configuration problems and their fix</source>
        <translation>Problèmes de configuration et leur correctif</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Correctif</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>No node selected</source>
        <translation>Aucun nœud sélectionné</translation>
    </message>
    <message>
        <source>tor %1</source>
        <translation>tor %1</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>via %1</translation>
    </message>
    <message>
        <source>descriptor revision %1</source>
        <translation>révision du descripteur %1</translation>
    </message>
    <message>
        <source>no usable descriptor yet</source>
        <translation>pas encore de descripteur utilisable</translation>
    </message>
    <message>
        <source>Configuration check: %1</source>
        <translation>Vérification de la configuration : %1</translation>
    </message>
</context>
<context>
    <name>rb::ui::NodeEditDialog</name>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>e.g. fra-1</source>
        <translation>p. ex. fra-1</translation>
    </message>
    <message>
        <source>Node name</source>
        <translation>Nom du nœud</translation>
    </message>
    <message>
        <source>user@host[:port] or an ssh config alias</source>
        <translation>user@host[:port] ou un alias de la configuration ssh</translation>
    </message>
    <message>
        <source>SSH target</source>
        <translation>Cible SSH</translation>
    </message>
    <message>
        <source>127.0.0.1:9051 or unix:/run/tor/control</source>
        <translation>127.0.0.1:9051 ou unix:/run/tor/control</translation>
    </message>
    <message>
        <source>Control endpoint on the node</source>
        <translation>Point de contrôle sur le nœud</translation>
    </message>
    <message>
        <source>Control port authentication</source>
        <translation>Authentification du port de contrôle</translation>
    </message>
    <message>
        <source>Safe cookie (recommended)</source>
        <translation>Cookie sécurisé (recommandé)</translation>
    </message>
    <message>
        <source>Cookie file</source>
        <translation>Fichier cookie</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>None (Unix socket only)</source>
        <translation>Aucune (socket Unix uniquement)</translation>
    </message>
    <message>
        <source>/run/tor/control.authcookie (empty: as tor reports)</source>
        <translation>/run/tor/control.authcookie (vide : comme indiqué par tor)</translation>
    </message>
    <message>
        <source>Cookie file on the node</source>
        <translation>Fichier cookie sur le nœud</translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation>enregistré dans le trousseau</translation>
    </message>
    <message>
        <source>Control password</source>
        <translation>Mot de passe de contrôle</translation>
    </message>
    <message>
        <source>/var/lib/tor/service</source>
        <translation>/var/lib/tor/service</translation>
    </message>
    <message>
        <source>HiddenServiceDir on the node</source>
        <translation>HiddenServiceDir sur le nœud</translation>
    </message>
    <message>
        <source>debian-tor</source>
        <translation>debian-tor</translation>
    </message>
    <message>
        <source>User tor runs as</source>
        <translation>Utilisateur sous lequel tourne tor</translation>
    </message>
    <message>
        <source>80:127.0.0.1:8080, 443:8443</source>
        <translation>80:127.0.0.1:8080, 443:8443</translation>
    </message>
    <message>
        <source>Service ports</source>
        <translation>Ports du service</translation>
    </message>
    <message>
        <source>127.0.0.1:9035 (optional)</source>
        <translation>127.0.0.1:9035 (facultatif)</translation>
    </message>
    <message>
        <source>MetricsPort on the node</source>
        <translation>MetricsPort sur le nœud</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Activé</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;SSH target:</source>
        <translation>Cible &amp;SSH :</translation>
    </message>
    <message>
        <source>&amp;Control endpoint:</source>
        <translation>Point de &amp;contrôle :</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentification :</translation>
    </message>
    <message>
        <source>C&amp;ookie file:</source>
        <translation>Fichier c&amp;ookie :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>&amp;HiddenServiceDir:</source>
        <translation>&amp;HiddenServiceDir :</translation>
    </message>
    <message>
        <source>&amp;Tor user:</source>
        <translation>Utilisateur &amp;tor :</translation>
    </message>
    <message>
        <source>Service p&amp;orts:</source>
        <translation>P&amp;orts du service :</translation>
    </message>
    <message>
        <source>&amp;MetricsPort:</source>
        <translation>Metrics&amp;Port :</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>P&amp;oids :</translation>
    </message>
    <message>
        <source>Validation result</source>
        <translation>Résultat de la validation</translation>
    </message>
    <message>
        <source>Edit node %1</source>
        <translation>Modifier le nœud %1</translation>
    </message>
    <message>
        <source>Service port &quot;%1&quot;: %2</source>
        <translation>Port de service « %1 » : %2</translation>
    </message>
    <message>
        <source>A node named &quot;%1&quot; already exists.</source>
        <translation>Un nœud nommé « %1 » existe déjà.</translation>
    </message>
    <message>
        <source>Password authentication needs the keychain, which is not available.</source>
        <translation>L&apos;authentification par mot de passe exige le trousseau, qui n&apos;est pas disponible.</translation>
    </message>
    <message>
        <source>Enter the control password (it is stored in the keychain).</source>
        <translation>Saisissez le mot de passe de contrôle (il est enregistré dans le trousseau).</translation>
    </message>
    <message>
        <source>Without authentication the control endpoint must be a Unix socket.</source>
        <translation>Sans authentification, le point de contrôle doit être un socket Unix.</translation>
    </message>
    <message>
        <source>Storing the password in the keychain…</source>
        <translation>Enregistrement du mot de passe dans le trousseau…</translation>
    </message>
    <message>
        <source>Could not store the password: %1</source>
        <translation>Impossible d&apos;enregistrer le mot de passe : %1</translation>
    </message>
</context>
<context>
    <name>rb::ui::PublishingPanel</name>
    <message>
        <source>Upload results per HSDir</source>
        <translation>Résultats d&apos;envoi par HSDir</translation>
    </message>
    <message>
        <source>&amp;Automatic publishing</source>
        <translation>Publication &amp;automatique</translation>
    </message>
    <message>
        <source>Republish when intro points change, a node is lost, the HSDirs change, at rotation and at least every hour</source>
        <translation>Republier quand les points d&apos;introduction changent, qu&apos;un nœud est perdu, que les HSDir changent, à la rotation et au moins toutes les heures</translation>
    </message>
    <message>
        <source>&amp;Publish now</source>
        <translation>&amp;Publier maintenant</translation>
    </message>
    <message>
        <source>Publish the merged descriptors now</source>
        <translation>Publier maintenant les descripteurs fusionnés</translation>
    </message>
    <message>
        <source>Time period:</source>
        <translation>Période :</translation>
    </message>
    <message>
        <source>Revision:</source>
        <translation>Révision :</translation>
    </message>
    <message>
        <source>Intro points:</source>
        <translation>Points d&apos;introduction :</translation>
    </message>
    <message>
        <source>By node:</source>
        <translation>Par nœud :</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Taille :</translation>
    </message>
    <message>
        <source>Built:</source>
        <translation>Construit :</translation>
    </message>
    <message>
        <source>Uploads:</source>
        <translation>Envois :</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Remarques :</translation>
    </message>
    <message>
        <source>Inspect…</source>
        <translation>Inspecter…</translation>
    </message>
    <message>
        <source>Inspect the %1</source>
        <translation>Inspecter le %1</translation>
    </message>
    <message>
        <source>%1 (%2 minutes)</source>
        <translation>%1 (%2 minutes)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1 of %2 uploaded, %3 failed, %4 pending</source>
        <translation>%1 sur %2 envoyés, %3 en échec, %4 en attente</translation>
    </message>
    <message>
        <source>Last published: %1 · next publication: %2</source>
        <translation>Dernière publication : %1 · prochaine publication : %2</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Publication en cours…</translation>
    </message>
    <message>
        <source>Last decision: %1</source>
        <translation>Dernière décision : %1</translation>
    </message>
</context>
<context>
    <name>rb::ui::RemotePublisherDescriptorsModel</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>il y a %1 s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>il y a %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>il y a %1 h</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>il y a %1 j</translation>
    </message>
    <message>
        <source>%1 uploaded</source>
        <translation>%1 téléversé(s)</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 en échec</translation>
    </message>
    <message>
        <source>%1 timed out</source>
        <translation>%1 expiré(s)</translation>
    </message>
    <message>
        <source>%1 pending</source>
        <translation>%1 en attente</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>HSDir answers so far: %1</source>
        <translation>Réponses des HSDir jusqu&apos;ici : %1</translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation>Descripteur</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Intro points</source>
        <translation>Points d&apos;introduction</translation>
    </message>
    <message>
        <source>Publications</source>
        <translation>Publications</translation>
    </message>
    <message>
        <source>Last HSDir confirmation</source>
        <translation>Dernière confirmation HSDir</translation>
    </message>
    <message>
        <source>HSDirs (current build)</source>
        <translation>HSDir (version actuelle)</translation>
    </message>
</context>
<context>
    <name>rb::ui::RemotePublisherDialog</name>
    <message>
        <source>Remote publisher</source>
        <translation>Publicateur distant</translation>
    </message>
    <message>
        <source>user@server or an ssh config alias</source>
        <translation>utilisateur@serveur ou un alias de la configuration ssh</translation>
    </message>
    <message>
        <source>The server running rustbalance-publisher; your ssh config applies (User, Port, ProxyJump, IdentityFile).</source>
        <translation>Le serveur qui exécute rustbalance-publisher ; votre configuration ssh s&apos;applique (User, Port, ProxyJump, IdentityFile).</translation>
    </message>
    <message>
        <source>The PORT of the publisher&apos;s --metrics-listen 127.0.0.1:PORT on the server.</source>
        <translation>Le PORT de --metrics-listen 127.0.0.1:PORT du publicateur sur le serveur.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connecter</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Déconnecter</translation>
    </message>
    <message>
        <source>SSH &amp;target:</source>
        <translation>&amp;Cible SSH :</translation>
    </message>
    <message>
        <source>Metrics &amp;port on the server:</source>
        <translation>&amp;Port des métriques sur le serveur :</translation>
    </message>
    <message>
        <source>Shows a publisher that runs as a service on a server (rbctl publish --watch --metrics-listen 127.0.0.1:PORT), read through an SSH tunnel.</source>
        <translation>Affiche un publicateur qui tourne comme service sur un serveur (rbctl publish --watch --metrics-listen 127.0.0.1:PORT), lu à travers un tunnel SSH.</translation>
    </message>
    <message>
        <source>Enter the SSH target of the publisher&apos;s server (user@host or an ssh config alias).</source>
        <translation>Saisissez la cible SSH du serveur du publicateur (utilisateur@hôte ou un alias de la configuration ssh).</translation>
    </message>
    <message>
        <source>The metrics port must be between 1 and 65535.</source>
        <translation>Le port des métriques doit être compris entre 1 et 65535.</translation>
    </message>
    <message>
        <source>remote publisher</source>
        <translation>publicateur distant</translation>
    </message>
</context>
<context>
    <name>rb::ui::RemotePublisherNodesModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Could not get keys: %1
Invalid INTRODUCE2: %2
Subcredential: %3
Bad auth key: %4
Replay: %5</source>
        <translation>Clés introuvables : %1
INTRODUCE2 invalide : %2
Sous-identifiant : %3
Mauvaise clé d&apos;authentification : %4
Rejeu : %5</translation>
    </message>
    <message>
        <source>The node failed the configuration check; see the publisher&apos;s log on the server (journalctl -u rustbalance-publisher).</source>
        <translation>Le nœud a échoué à la vérification de configuration ; voir le journal du publicateur sur le serveur (journalctl -u rustbalance-publisher).</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Not OK</source>
        <translation>Pas OK</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Control connection</source>
        <translation>Connexion de contrôle</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>Intro points (established / expected)</source>
        <translation>Points d&apos;introduction (établis / attendus)</translation>
    </message>
    <message>
        <source>Intro points published</source>
        <translation>Points d&apos;introduction publiés</translation>
    </message>
    <message>
        <source>INTRO2 errors</source>
        <translation>Erreurs INTRO2</translation>
    </message>
</context>
<context>
    <name>rb::ui::RemotePublisherPanel</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Review &amp;host key…</source>
        <translation>Examiner la clé d&apos;&amp;hôte…</translation>
    </message>
    <message>
        <source>Descriptors of the remote publisher</source>
        <translation>Descripteurs du publicateur distant</translation>
    </message>
    <message>
        <source>Nodes of the remote publisher</source>
        <translation>Nœuds du publicateur distant</translation>
    </message>
    <message>
        <source>Descriptors</source>
        <translation>Descripteurs</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nœuds</translation>
    </message>
    <message>
        <source>Master address: —</source>
        <translation>Adresse maîtresse : —</translation>
    </message>
    <message>
        <source>No status received yet.</source>
        <translation>Aucun état reçu pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Master address: %1</source>
        <translation>Adresse maîtresse : %1</translation>
    </message>
    <message>
        <source>Nodes up: %1 of %2 · HSDirs holding the current build: %3 of %4 · Configuration reloads: %5</source>
        <translation>Nœuds connectés : %1 sur %2 · HSDir détenant la version actuelle : %3 sur %4 · Rechargements de configuration : %5</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Mis à jour %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Connecting over SSH…</source>
        <translation>Connexion via SSH…</translation>
    </message>
    <message>
        <source>Reading the publisher&apos;s metrics…</source>
        <translation>Lecture des métriques du publicateur…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Problem (retrying)</source>
        <translation>Problème (nouvelle tentative)</translation>
    </message>
    <message>
        <source>Stopped: needs your action</source>
        <translation>Arrêté : votre intervention est nécessaire</translation>
    </message>
    <message>
        <source>Check that the server is reachable with ssh from this machine (host, port, ProxyJump in your ssh config). The console keeps retrying.</source>
        <translation>Vérifiez que le serveur est joignable en ssh depuis cette machine (hôte, port, ProxyJump dans votre configuration ssh). La console réessaie.</translation>
    </message>
    <message>
        <source>The server&apos;s SSH host key is not known yet: review its fingerprint and accept it (Review host key…), then connect again.</source>
        <translation>La clé d&apos;hôte SSH du serveur n&apos;est pas encore connue : examinez son empreinte et acceptez-la (Examiner la clé d&apos;hôte…), puis reconnectez-vous.</translation>
    </message>
    <message>
        <source>The server&apos;s SSH host key has CHANGED. Verify the new key out of band and remove the old entry (ssh-keygen -R host) before connecting again; the console never accepts a changed key.</source>
        <translation>La clé d&apos;hôte SSH du serveur a CHANGÉ. Vérifiez la nouvelle clé par un autre canal et supprimez l&apos;ancienne entrée (ssh-keygen -R host) avant de vous reconnecter ; la console n&apos;accepte jamais une clé modifiée.</translation>
    </message>
    <message>
        <source>Load the key for this server into your ssh-agent or set IdentityFile in your ssh config, then connect again.</source>
        <translation>Chargez la clé de ce serveur dans votre ssh-agent ou définissez IdentityFile dans votre configuration ssh, puis reconnectez-vous.</translation>
    </message>
    <message>
        <source>Nothing listens on that port on the server: start the publisher with --metrics-listen 127.0.0.1:PORT (RUSTBALANCE_PUBLISHER_OPTS in /etc/rustbalance/publisher.env) or correct the port.</source>
        <translation>Rien n&apos;écoute sur ce port du serveur : démarrez le publicateur avec --metrics-listen 127.0.0.1:PORT (RUSTBALANCE_PUBLISHER_OPTS dans /etc/rustbalance/publisher.env) ou corrigez le port.</translation>
    </message>
    <message>
        <source>The port answered, but not with the publisher&apos;s metrics: check that it is the port given to --metrics-listen.</source>
        <translation>Le port a répondu, mais pas avec les métriques du publicateur : vérifiez qu&apos;il s&apos;agit du port donné à --metrics-listen.</translation>
    </message>
    <message>
        <source>The publisher did not answer in time: check it on the server (systemctl status rustbalance-publisher). The console keeps retrying.</source>
        <translation>Le publicateur n&apos;a pas répondu à temps : vérifiez-le sur le serveur (systemctl status rustbalance-publisher). La console réessaie.</translation>
    </message>
    <message>
        <source>This port serves something else (for example tor&apos;s MetricsPort): use the port given to rbctl publish --metrics-listen.</source>
        <translation>Ce port sert autre chose (par exemple le MetricsPort de tor) : utilisez le port donné à rbctl publish --metrics-listen.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Detail: %1</source>
        <translation>Détail : %1</translation>
    </message>
</context>
<context>
    <name>rb::ui::TaskProgressBar</name>
    <message>
        <source>Progress of the running action</source>
        <translation>Progression de l&apos;action en cours</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Cancel the running action</source>
        <translation>Annuler l&apos;action en cours</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>rb::ui::UploadResultsModel</name>
    <message>
        <source>Descriptor</source>
        <translation>Descripteur</translation>
    </message>
    <message>
        <source>HSDir</source>
        <translation>HSDir</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>At</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Next retry</source>
        <translation>Prochain essai</translation>
    </message>
</context>
</TS>
